package dev.spacetime.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON bodies, timed as the request's serialization phase. */
public final class Responses {

    private Responses() {
    }

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        String text = encode(ctx, body);
        send(ctx, status, text);
    }

    /** Sends JSON text encoded elsewhere (e.g. a large body encoded on a worker thread). */
    public static void send(RoutingContext ctx, int status, String json) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
    }

    /** Encodes a body, timed as the serialization phase; callable from any thread. */
    public static String encode(RoutingContext ctx, JsonObject body) {
        try (var ignored = RequestContext.of(ctx).phase(Phases.SERIALIZATION)) {
            return body.encode();
        }
    }
}
