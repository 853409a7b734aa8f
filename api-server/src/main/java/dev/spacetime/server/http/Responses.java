package dev.spacetime.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON bodies, timed as the request's serialization phase. */
public final class Responses {

    private Responses() {
    }

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        String text;
        try (var ignored = RequestContext.of(ctx).phase(Phases.SERIALIZATION)) {
            text = body.encode();
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
    }
}
