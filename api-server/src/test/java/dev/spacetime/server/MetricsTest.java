package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.spacetime.catalog.AuthResult;
import dev.spacetime.catalog.HealthState;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.MetricDef;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.catalog.SceneErrorType;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServerExtension.class)
class MetricsTest {

    /** Started and closed by {@link TestServerExtension}. */
    private static TestServer server;

    /** Series (name and labels) of every sample line, JVM families excluded: they change with GC, not requests. */
    private static Set<String> applicationSeries(String exposition) {
        return exposition.lines().filter(l -> !l.startsWith("#") && !l.isBlank() && !l.startsWith("jvm_"))
                .map(l -> l.substring(0, l.lastIndexOf(' ')))
                .collect(Collectors.toSet());
    }

    @Test
    void everyApplicationMetricOfTheCatalogIsRegistered() {
        Set<String> registered = server.server.modules().metrics().registry().scrape().stream()
                .map(s -> s.getMetadata().getPrometheusName()).collect(Collectors.toSet());
        for (MetricDef def : Metrics.application()) {
            assertThat(registered).as(def.name()).contains(def.baseName());
        }
    }

    @Test
    void alertDenominatorsAndProcessMetricsExistFromTheStart() throws Exception {
        String text = server.metrics();
        for (AuthResult r : AuthResult.values()) {
            assertThat(TestServer.sample(text, "auth_attempts_total{result=\"" + r.label() + "\"}")).isNotNaN();
        }
        for (SceneErrorType t : SceneErrorType.values()) {
            assertThat(TestServer.sample(text, "scene_load_errors_total{error_type=\"" + t.label() + "\"}")).isZero();
        }
        for (String subsystem : List.of("memory", "file_system", "connections", "scene_loader", "engine",
                "alerting", Labels.OVERALL)) {
            double sum = 0;
            for (HealthState s : HealthState.values()) {
                sum += TestServer.sample(text, "health_status{state=\"" + s.label() + "\",subsystem=\"" + subsystem
                        + "\"}");
            }
            assertThat(sum).as("one-hot %s", subsystem).isEqualTo(1);
        }
        assertThat(TestServer.sample(text,
                "http_requests_total{endpoint=\"/auth/rotate\",method=\"POST\",status=\"500\"}")).isZero();
        assertThat(TestServer.sample(text, Metrics.PROCESS_RESIDENT_MEMORY.name())).isPositive();
        assertThat(TestServer.sample(text, Metrics.PROCESS_START_TIME.name())).isPositive();
        assertThat(text).contains("jvm_memory_used_bytes{area=\"heap\"}");
        assertThat(TestServer.sample(text, Metrics.ENGINE_TARGET_FPS.name())).isEqualTo(90);
    }

    @Test
    void randomUnknownPathsAddNoSeries() throws Exception {
        server.get("/warm-up-unmatched");
        Set<String> before = applicationSeries(server.metrics());
        double unmatchedBefore = TestServer.sample(server.metrics(),
                "http_requests_total{endpoint=\"unmatched\",method=\"GET\",status=\"404\"}");
        int total = 10_000;
        int connections = 4;
        Random random = new Random(42);
        List<CompletableFuture<Integer>> counts = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < total / connections; i++) {
                requests.append("GET /").append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36)).append('/')
                        .append(random.nextInt()).append("?q=").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            counts.add(CompletableFuture.supplyAsync(() -> pipeline(requests.toString(), total / connections)));
        }
        for (var count : counts) {
            assertThat(count.get(60, TimeUnit.SECONDS)).isEqualTo(total / connections);
        }
        String after = server.metrics();
        assertThat(applicationSeries(after)).isEqualTo(before);
        assertThat(TestServer.sample(after,
                "http_requests_total{endpoint=\"unmatched\",method=\"GET\",status=\"404\"}") - unmatchedBefore)
                .isEqualTo(total);
    }

    /**
     * Sends pipelined HTTP/1.1 requests on one connection (a writer thread, so neither side blocks on full buffers)
     * and returns how many 404 responses came back before {@code expected} responses were read.
     */
    private static int pipeline(String requests, int expected) {
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            Thread writer = new Thread(() -> {
                try {
                    socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            int responses = 0;
            int notFound = 0;
            String line;
            while (responses < expected && (line = in.readLine()) != null) {
                // A body has no trailing newline, so the next status line follows it on the same line.
                int at = line.indexOf("HTTP/1.1 ");
                if (at >= 0) {
                    responses++;
                    if (line.startsWith("HTTP/1.1 404 ", at)) {
                        notFound++;
                    }
                }
            }
            writer.join();
            return notFound;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void promtoolFindsNoProblemInTheLiveExposition() throws Exception {
        server.get("/health");
        String promtool = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).map(Path::toString).findFirst()
                .orElse(null);
        if (promtool == null) {
            fail("promtool not found on PATH: install the Debian package 'prometheus' (scripts/install-tools.sh)");
        }
        Process p = new ProcessBuilder(promtool, "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(server.metrics().getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEmpty();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void negotiatesOpenMetricsProtobufAndGzip() throws Exception {
        var text = server.get("/metrics");
        assertThat(text.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");

        var om = server.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(om.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/openmetrics-text");
        assertThat(om.body()).endsWith("# EOF\n").contains("# TYPE http_requests counter");

        var proto = server.http.send(HttpRequest.newBuilder(server.uri("/metrics")).header("Accept",
                        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(proto.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/vnd.google.protobuf");
        assertThat(delimitedMessages(proto.body())).isGreaterThan(Metrics.application().size());
        assertThat(new String(proto.body(), StandardCharsets.ISO_8859_1)).contains("http_requests_total");

        var gz = server.http.send(HttpRequest.newBuilder(server.uri("/metrics")).header("Accept-Encoding", "gzip")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String unzipped;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            unzipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(unzipped).startsWith("# HELP").contains("http_requests_total{");
    }

    /** Counts length-delimited protobuf messages, failing if the framing does not add up to the body exactly. */
    private static int delimitedMessages(byte[] body) {
        int pos = 0;
        int count = 0;
        while (pos < body.length) {
            long length = 0;
            int shift = 0;
            byte b;
            do {
                b = body[pos++];
                length |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            pos += (int) length;
            count++;
        }
        assertThat(pos).isEqualTo(body.length);
        return count;
    }

    @Test
    void aClientThatHangsUpBeforeTheResponseIsCountedAs499UnderItsRoute() throws Exception {
        String series = "http_requests_total{endpoint=\"/auth/token\",method=\"POST\",status=\"499\"}";
        double before = countOrZero(server.metrics(), series); // the 499 series exists from the first hang-up on
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            // A body shorter than announced: the route waits for the rest, and the client leaves instead.
            socket.getOutputStream().write(("POST /auth/token HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + server.adminToken() + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                    + "{\"role\":").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.sleep(200);
        }
        double after = before;
        for (int i = 0; i < 200 && after == before; i++) {
            Thread.sleep(50);
            after = countOrZero(server.metrics(), series);
        }
        assertThat(after - before).isEqualTo(1);
    }

    private static double countOrZero(String exposition, String series) {
        double value = TestServer.sample(exposition, series);
        return Double.isNaN(value) ? 0 : value;
    }

    @Test
    void activeConnectionsCountsOpenSockets() throws Exception {
        double idle = waitForConnections(v -> true);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                sockets.add(new Socket("127.0.0.1", server.server.port()));
            }
            assertThat(waitForConnections(v -> v >= idle + 5)).isGreaterThanOrEqualTo(idle + 5);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        assertThat(waitForConnections(v -> v <= idle)).isLessThanOrEqualTo(idle);
    }

    /** Polls active_connections until {@code done} holds (or 10 s pass) and returns the last value. */
    private static double waitForConnections(java.util.function.DoublePredicate done) throws Exception {
        double value = Double.NaN;
        for (int i = 0; i < 200; i++) {
            value = TestServer.sample(server.metrics(), Metrics.ACTIVE_CONNECTIONS.name());
            if (done.test(value)) {
                return value;
            }
            Thread.sleep(50);
        }
        return value;
    }
}
