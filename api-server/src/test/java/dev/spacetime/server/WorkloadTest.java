package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.http.ApiException;
import dev.spacetime.server.routes.RouteFeature;
import dev.spacetime.server.routes.Routes;
import dev.spacetime.server.workload.Workload;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Scene work runs on a bounded pool of its own: when it is saturated the monitoring routes still answer, excess
 * requests get 503 with Retry-After at once, and work whose client has gone or whose deadline passed is cancelled
 * and its slot released. Timing bounds are coarse (see {@link #MONITORING_BOUND}).
 */
class WorkloadTest {
    /** The case: a valid flat scene just under the 50,000-node cap. */
    private static final int NODES = 49_991;
    /**
     * Before the workload had its own pool these calls took minutes; the bound only separates "answers" from "starved"
     * on a loaded 2-core machine (measured figures are in docs/benchmarks.md).
     */
    private static final Duration MONITORING_BOUND = Duration.ofSeconds(5);

    private static UnaryOperator<ServerConfig> pool(int threads, int queue, Duration deadline) {
        return c -> SceneClient.limits(10_000).apply(c)
                .withWorkload(new ServerConfig.Workload(threads, queue, deadline));
    }

    @Test
    void saturatedBySlowValidationsMonitoringAnswersExcessIs503AndClosedClientsFreeTheirSlots() throws Exception {
        try (TestServer s = TestServer.start(pool(2, 2, Duration.ofMinutes(5)))) {
            Files.writeString(s.server.modules().projectRoot().resolve("big.tscn"), flatScene(NODES));
            String request = putScene(s.adminToken(), "res://big.tscn");
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket socket = RawHttp.connect("127.0.0.1", s.server.port());
                    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                    clients.add(socket);
                }
                // Two run, two wait, the other four are refused at once.
                int refused = 0;
                for (Socket socket : clients.subList(4, 8)) {
                    socket.setSoTimeout((int) MONITORING_BOUND.toMillis());
                    RawHttp.Response r = RawHttp.read(socket.getInputStream());
                    assertThat(r.status()).as(r.body()).isEqualTo(503);
                    assertThat(r.headers()).containsKey("retry-after");
                    assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("service_unavailable");
                    refused++;
                }
                assertThat(refused).isEqualTo(4);
                String metrics = timed(() -> s.metrics());
                assertThat(TestServer.sample(metrics, "workload_rejections_total{reason=\"queue_full\"}")).isEqualTo(4);
                assertThat(TestServer.sample(metrics, "workload_threads")).isEqualTo(2);
                assertThat(timed(() -> s.get("/health/quick")).statusCode()).isEqualTo(200);
                assertThat(timed(() -> s.get("/health/ready")).statusCode()).isEqualTo(200);
                assertThat(TestServer.sample(timed(() -> s.metrics()), "workload_in_flight")).isEqualTo(2);
            } finally {
                for (Socket socket : clients) {
                    socket.close();
                }
            }
            await(Duration.ofSeconds(5), () -> gauge(s, "workload_in_flight") == 0
                    && gauge(s, "workload_queue_depth") == 0);
            assertThat(TestServer.sample(s.metrics(), "workload_rejections_total{reason=\"client_closed\"}"))
                    .isEqualTo(4);
        }
    }

    @Test
    void workPastItsDeadlineIsCancelledWith503() throws Exception {
        try (TestServer s = TestServer.start(pool(1, 1, Duration.ofMillis(300)), modules -> List.of(new Forever(modules.workload())))) {
            long start = System.nanoTime();
            HttpResponse<String> r = s.get(Forever.PATH);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.body()).contains("deadline");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(MONITORING_BOUND);
            await(Duration.ofSeconds(2), () -> gauge(s, "workload_in_flight") == 0);
            assertThat(TestServer.sample(s.metrics(), "workload_rejections_total{reason=\"deadline\"}")).isEqualTo(1);
        }
    }

    @Test
    void aClientThatLeavesReleasesItsSlotWhetherRunningOrQueued() throws Exception {
        try (TestServer s = TestServer.start(pool(1, 1, Duration.ofMinutes(5)), modules -> List.of(new Forever(modules.workload())))) {
            String request = "GET " + Forever.PATH + " HTTP/1.1\r\nHost: test\r\n\r\n";
            Socket running = RawHttp.connect("127.0.0.1", s.server.port());
            running.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            await(Duration.ofSeconds(2), () -> gauge(s, "workload_in_flight") == 1);
            Socket queued = RawHttp.connect("127.0.0.1", s.server.port());
            queued.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            await(Duration.ofSeconds(2), () -> gauge(s, "workload_queue_depth") == 1);

            queued.close();
            await(Duration.ofSeconds(2), () -> gauge(s, "workload_queue_depth") == 0);
            assertThat(gauge(s, "workload_in_flight")).isEqualTo(1);
            running.close();
            await(Duration.ofSeconds(2), () -> gauge(s, "workload_in_flight") == 0);
            assertThat(TestServer.sample(s.metrics(), "workload_rejections_total{reason=\"client_closed\"}"))
                    .isEqualTo(2);
        }
    }

    /** A route whose work never ends by itself: only cancellation (an interrupt) stops it. */
    private static final class Forever implements RouteFeature {
        static final String PATH = "/test/forever";
        private final Workload workload;

        Forever(Workload workload) {
            this.workload = workload;
        }

        @Override
        public void mount(Routes routes) {
            routes.get(PATH).handler(rc -> workload.submit(rc, () -> {
                Thread.sleep(Long.MAX_VALUE);
                return "unreachable";
            }).onComplete(ar -> {
                if (!rc.response().closed()) {
                    rc.fail(ar.cause() instanceof ApiException ? ar.cause() : new IllegalStateException(ar.cause()));
                }
            }));
        }
    }

    static String flatScene(int nodes) {
        StringBuilder s = new StringBuilder("[gd_scene format=3]\n\n[node name=\"Root\" type=\"Node3D\"]\n");
        for (int i = 1; i < nodes; i++) {
            s.append("\n[node name=\"N").append(i).append("\" type=\"Node3D\" parent=\".\"]\n");
        }
        return s.toString();
    }

    static String putScene(String token, String scenePath) {
        String body = SceneClient.body(scenePath);
        return "PUT /scene HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static double gauge(TestServer s, String name) {
        try {
            return TestServer.sample(s.metrics(), name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws Exception;
    }

    /** Runs a monitoring call and asserts it answered within the bound. */
    private static <T> T timed(Call<T> call) throws Exception {
        long start = System.nanoTime();
        T result = call.call();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("monitoring answered").isLessThan(MONITORING_BOUND);
        return result;
    }

    private static void await(Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + bound).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
