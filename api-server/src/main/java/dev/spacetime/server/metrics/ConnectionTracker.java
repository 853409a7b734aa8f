package dev.spacetime.server.metrics;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open client connections for real: +1 when one is accepted, -1 when it closes. */
public final class ConnectionTracker implements Handler<HttpConnection> {
    private final AtomicInteger open = new AtomicInteger();

    @Override
    public void handle(HttpConnection connection) {
        open.incrementAndGet();
        connection.closeHandler(v -> open.decrementAndGet());
    }

    public int open() {
        return open.get();
    }
}
