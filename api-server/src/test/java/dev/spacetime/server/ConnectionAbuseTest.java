package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.server.config.ServerConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 2000 idle connections from one address and 50 slowloris connections (a header byte every 200 ms) neither flip
 * readiness nor keep a fresh client waiting: the per-client limit closes most idle connections at once, the request
 * head timeout (1 s here, 10 s by default) closes the rest and the slowloris ones. The connection-count thresholds
 * are set so low that the count alone would once have made the server unhealthy. The fresh client is another
 * loopback address, 127.0.0.2 (the flood holds 127.0.0.1's allowance).
 */
class ConnectionAbuseTest {
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(1);
    private static final int IDLE = 2000;
    private static final int SLOWLORIS = 50;
    private static final int PER_CLIENT = 64;

    @Test
    void idleAndSlowlorisConnectionsLeaveReadinessAndFreshClientsAlone() throws Exception {
        try (TestServer s = TestServer.start(c -> c
                .withConnections(new ServerConfig.Connections(PER_CLIENT, HEAD_TIMEOUT))
                .withHealth(new ServerConfig.Health(16384, 32768, 10, 20, Duration.ofSeconds(2),
                        Duration.ofMillis(200))))) {
            int port = s.server.port();
            List<Socket> sockets = new ArrayList<>();
            ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
            try {
                List<Socket> slow = new ArrayList<>();
                for (int i = 0; i < SLOWLORIS; i++) {
                    Socket socket = RawHttp.connect("127.0.0.3", port);
                    socket.getOutputStream().write("GET /health/live HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                    slow.add(socket);
                }
                sockets.addAll(slow);
                long slowStarted = System.nanoTime();
                trickle.scheduleAtFixedRate(() -> slow.forEach(ConnectionAbuseTest::oneHeaderByte), 0, 200,
                        TimeUnit.MILLISECONDS);
                for (int i = 0; i < IDLE; i++) {
                    sockets.add(RawHttp.connect("127.0.0.1", port));
                }
                Thread.sleep(400); // at least one health refresh sees the flood

                long start = System.nanoTime();
                RawHttp.Response quick = RawHttp.get("127.0.0.2", port, "/health/quick");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fresh client served")
                        .isLessThan(Duration.ofSeconds(1));
                assertThat(quick.status()).isEqualTo(200);
                RawHttp.Response ready = RawHttp.get("127.0.0.2", port, "/health/ready");
                assertThat(ready.status()).as(ready.body()).isEqualTo(200);
                RawHttp.Response health = RawHttp.get("127.0.0.2", port, "/health");
                assertThat(health.status()).as(health.body()).isEqualTo(200);
                assertThat(new JsonObject(health.body()).getString("status")).isIn("healthy", "degraded");

                for (Socket socket : slow) {
                    long left = HEAD_TIMEOUT.multipliedBy(3).toNanos() - (System.nanoTime() - slowStarted);
                    assertThat(RawHttp.closedWithin(socket, Duration.ofNanos(Math.max(1, left))))
                            .as("slowloris connection closed").isTrue();
                }
                String metrics = RawHttp.get("127.0.0.2", port, "/metrics").body();
                assertThat(TestServer.sample(metrics, "connections_dropped_total{reason=\"per_client_limit\"}"))
                        .isGreaterThan(0);
                assertThat(TestServer.sample(metrics, "connections_dropped_total{reason=\"head_timeout\"}"))
                        .isGreaterThanOrEqualTo(SLOWLORIS);
                // Every flood connection is gone within the head timeout (plus slack): only the scrape's is open.
                long deadline = System.nanoTime() + HEAD_TIMEOUT.multipliedBy(3).toNanos();
                double open;
                do {
                    Thread.sleep(50);
                    open = TestServer.sample(RawHttp.get("127.0.0.2", port, "/metrics").body(),
                            "active_connections");
                } while (open > 1 && System.nanoTime() < deadline);
                assertThat(open).isEqualTo(1);
            } finally {
                trickle.shutdownNow();
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    private static void oneHeaderByte(Socket socket) {
        try {
            socket.getOutputStream().write('X');
        } catch (IOException e) {
            // closed by the server: expected once the head timeout passes
        }
    }
}
