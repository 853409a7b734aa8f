package dev.spacetime.server.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The rest of a refused request's body (401, 413, 429... while it is still arriving): the response says
 * {@code Connection: close}; up to {@link #DRAIN_LIMIT} more bytes are read and discarded, and the connection is
 * closed once the body has ended or {@link #CLOSE_WITHIN_MS} after the refusal, whichever comes first. The bounds
 * keep a refused 50 MiB upload from holding the connection (a paused request would otherwise sit until the idle
 * timeout, with the client blocked writing). Past the drain limit reading stops but the close still waits for the
 * timer: closing a socket with unread input sends a reset, and a client still writing its body can lose the answer
 * it had not read yet (the lingering-close problem), so it gets that moment to read it.
 */
final class UnreadBody {
    static final long DRAIN_LIMIT = 256 * 1024;
    static final long CLOSE_WITHIN_MS = 1000;

    private UnreadBody() {
    }

    /** Call once the refusal is sent. */
    static void discard(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpConnection connection = request.connection();
        long timer = ctx.vertx().setTimer(CLOSE_WITHIN_MS, id -> connection.close());
        long[] drained = {0};
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > DRAIN_LIMIT) {
                request.pause();
            }
        });
        request.endHandler(v -> {
            ctx.vertx().cancelTimer(timer);
            connection.close();
        });
        request.resume();
    }
}
