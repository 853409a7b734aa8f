package dev.spacetime.server.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request body of at most {@code limit} bytes into {@link RequestContext#body()}, failing with 413 as soon as
 * the declared or received length exceeds it (nothing beyond the limit is buffered).
 *
 * <p>Vert.x Web's BodyHandler must run before authentication; this one runs after auth and rate limiting, so an
 * anonymous or throttled client cannot make the server buffer a megabyte. The route's first handler pauses the
 * request so no chunk is lost while the checks before this one run.
 */
public final class BodyReader implements Handler<RoutingContext> {
    private final long limit;

    public BodyReader(long limit) {
        this.limit = limit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        RequestContext rc = RequestContext.of(ctx);
        String declared = request.getHeader("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                ctx.fail(new ApiException(400, "invalid Content-Length"));
                return;
            }
            if (length > limit) {
                ctx.fail(tooLarge());
                return;
            }
        }
        if (request.isEnded()) {
            rc.body(Buffer.buffer());
            ctx.next();
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] failed = {false};
        request.handler(chunk -> {
            if (failed[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                failed[0] = true;
                ctx.fail(tooLarge());
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!failed[0]) {
                rc.body(body);
                ctx.next();
            }
        });
        request.resume();
    }

    private ApiException tooLarge() {
        return new ApiException(413, "request body exceeds " + limit + " bytes");
    }
}
