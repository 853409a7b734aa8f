package dev.spacetime.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON bodies, timed as the request's serialization phase. */
public final class Responses {

    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

    private Responses() {
    }

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        String text = encode(ctx, body);
        send(ctx, status, text);
    }

    /** Sends JSON text encoded elsewhere (e.g. a large body encoded on a worker thread). */
    public static void send(RoutingContext ctx, int status, String json) {
        jsonResponse(ctx, status).end(json);
    }

    /** Encodes a body that never changes, once, so its route writes bytes instead of building JSON per request. */
    public static Buffer constant(JsonObject body) {
        return body.toBuffer();
    }

    /** Sends a body from {@link #constant}: there is nothing to serialize, so no serialization phase. */
    public static void send(RoutingContext ctx, int status, Buffer json) {
        jsonResponse(ctx, status).end(json);
    }

    /** Encodes a body, timed as the serialization phase; callable from any thread. */
    public static String encode(RoutingContext ctx, JsonObject body) {
        try (var ignored = RequestContext.of(ctx).phase(Phases.SERIALIZATION)) {
            return body.encode();
        }
    }

    private static HttpServerResponse jsonResponse(RoutingContext ctx, int status) {
        return ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON);
    }
}
