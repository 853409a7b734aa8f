package dev.spacetime.server.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Validates a JSON request body after the size limit: wrong content type 415, not a JSON object 400. An empty body is
 * an empty object (every mutating route has optional fields only or checks its own required ones).
 */
public final class JsonBody implements Handler<RoutingContext> {

    public static final JsonBody INSTANCE = new JsonBody();

    private JsonBody() {
    }

    @Override
    public void handle(RoutingContext ctx) {
        RequestContext rc = RequestContext.of(ctx);
        try (var ignored = rc.phase(Phases.VALIDATION)) {
            Buffer body = rc.body();
            if (body == null || body.length() == 0) {
                rc.json(new JsonObject());
            } else {
                String type = ctx.request().getHeader("Content-Type");
                if (type == null || !isJson(type)) {
                    throw new ApiException(415, "request body must be application/json");
                }
                rc.json(parse(body));
            }
        }
        ctx.next();
    }

    private static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static JsonObject parse(Buffer body) {
        Object value;
        try {
            value = body.toJsonValue();
        } catch (DecodeException e) {
            throw new ApiException(400, "request body is not valid JSON");
        }
        if (!(value instanceof JsonObject object)) {
            throw new ApiException(400, "request body must be a JSON object");
        }
        return object;
    }
}
