package dev.spacetime.server.connections;

import dev.spacetime.catalog.ConnectionDrop;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.metrics.ServerMetrics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open client connections for real (+1 when accepted, -1 when closed) and protects the server from
 * connections that only hold resources:
 * <ul>
 *   <li>a client address may hold at most {@code perClient} connections; the next is closed as soon as it is
 *   accepted, so one client cannot exhaust file descriptors or inflate the count other clients are judged by;</li>
 *   <li>a connection must deliver a complete request head within {@code headTimeout} of opening or of its previous
 *   response ending; idle and slowloris connections (a header byte now and then) are closed.</li>
 * </ul>
 * It also tells the workload pool when a request's client has gone ({@link #onClose}), since the connection's
 * close handler is this class's.
 *
 * <p>Threading: a connection's state is touched only on its event loop (accept, request, response end, timers and
 * close all run there); the counts are shared and atomic.
 */
public final class ConnectionGuard implements Handler<HttpConnection> {
    private final Vertx vertx;
    private final int perClient;
    private final long headTimeoutMs;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Integer> byClient = new ConcurrentHashMap<>();
    private final Map<HttpConnection, Tracked> tracked = new ConcurrentHashMap<>();
    private final Map<ConnectionDrop, CounterDataPoint> dropped = new EnumMap<>(ConnectionDrop.class);

    public ConnectionGuard(Vertx vertx, ServerConfig.Connections config, ServerMetrics metrics) {
        this.vertx = vertx;
        this.perClient = config.perClient();
        this.headTimeoutMs = config.headTimeout().toMillis();
        for (ConnectionDrop reason : ConnectionDrop.values()) {
            dropped.put(reason, metrics.counter(Metrics.CONNECTIONS_DROPPED).labelValues(reason.label()));
        }
    }

    @Override
    public void handle(HttpConnection connection) {
        open.incrementAndGet();
        String client = connection.remoteAddress() == null ? "" : connection.remoteAddress().hostAddress();
        int held = byClient.merge(client, 1, Integer::sum);
        Tracked t = new Tracked(connection, client);
        tracked.put(connection, t);
        connection.closeHandler(v -> t.closed());
        if (held > perClient) {
            dropped.get(ConnectionDrop.PER_CLIENT_LIMIT).inc();
            connection.close();
            return;
        }
        t.awaitHead();
    }

    /** Wraps the server's request handler: a request head has arrived, so the head timer stops until it is served. */
    public Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
        return request -> {
            Tracked t = tracked.get(request.connection());
            if (t != null) {
                t.headReceived();
                // bodyEndHandler, not endHandler: the request observer owns endHandler and closeHandler.
                request.response().bodyEndHandler(v -> t.served());
            }
            next.handle(request);
        };
    }

    /**
     * Runs {@code action} (once, on the connection's event loop) if {@code request}'s connection closes before the
     * returned handle is run; the handle unregisters it. Call both on the request's event loop.
     */
    public Runnable onClose(HttpServerRequest request, Runnable action) {
        Tracked t = tracked.get(request.connection());
        if (t == null) {
            return () -> { };
        }
        t.listeners.add(action);
        return () -> t.listeners.remove(action);
    }

    /** Open client connections. */
    public int open() {
        return open.get();
    }

    /** The per-client limit, for health details. */
    public int perClient() {
        return perClient;
    }

    /** One accepted connection. */
    private final class Tracked {
        private final HttpConnection connection;
        private final String client;
        private final List<Runnable> listeners = new ArrayList<>(1);
        private int active;
        private long timer = -1;
        private boolean closed;

        Tracked(HttpConnection connection, String client) {
            this.connection = connection;
            this.client = client;
        }

        void awaitHead() {
            if (closed || active > 0) {
                return;
            }
            cancelTimer();
            timer = vertx.setTimer(headTimeoutMs, id -> {
                timer = -1;
                if (!closed && active == 0) {
                    dropped.get(ConnectionDrop.HEAD_TIMEOUT).inc();
                    connection.close();
                }
            });
        }

        void headReceived() {
            active++;
            cancelTimer();
        }

        void served() {
            active = Math.max(0, active - 1);
            awaitHead();
        }

        void closed() {
            if (closed) {
                return;
            }
            closed = true;
            cancelTimer();
            tracked.remove(connection);
            open.decrementAndGet();
            byClient.computeIfPresent(client, (c, n) -> n == 1 ? null : n - 1);
            List<Runnable> toRun = List.copyOf(listeners);
            listeners.clear();
            toRun.forEach(Runnable::run);
        }

        private void cancelTimer() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }
    }
}
