package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.server.config.ServerConfig;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Latency exemplars and {@code traceparent} on the real server: exemplars only in OpenMetrics and protobuf, each one a
 * request whose profile is kept, with the trace id of the request's {@code traceparent}, which is answered but never
 * refused.
 */
class ExemplarTest {
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String PROTOBUF =
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    /** {@code http_request_duration_seconds_bucket{...} value # {labels} value timestamp}. */
    private static final Pattern EXEMPLAR = Pattern.compile(
            "^http_request_duration_seconds_bucket\\{([^}]*)} \\S+ # \\{([^}]*)} (\\S+)", Pattern.MULTILINE);

    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void exemplarsOnlyInOpenMetricsAndProtobuf() throws Exception {
        server = TestServer.start();
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(server.get("/health/quick").statusCode()).isEqualTo(200);

        String openMetrics = scrapeUntil(server, "/health/live");
        assertThat(exemplars(openMetrics)).extracting(e -> e.series().contains("endpoint=\"/health/live\""))
                .contains(true);
        byte[] protobuf = server.http.send(HttpRequest.newBuilder(server.uri("/metrics")).header("Accept", PROTOBUF)
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(new String(protobuf, StandardCharsets.ISO_8859_1)).contains("request_id").contains("req_");

        String text = server.metrics();
        assertThat(text).contains("http_request_duration_seconds_bucket{").doesNotContain("request_id")
                .doesNotContain(" # {");
    }

    @Test
    void traceparentRoundTripsIntoTheProfileAndTheExemplar() throws Exception {
        server = TestServer.start();
        var response = server.get("/health/live", "traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01");
        assertThat(response.statusCode()).isEqualTo(200);
        String answered = response.headers().firstValue("traceparent").orElseThrow();
        assertThat(answered).matches("00-" + TRACE + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");

        Exemplar exemplar = exemplars(scrapeUntil(server, "/health/live")).stream()
                .filter(e -> e.series().contains("endpoint=\"/health/live\"")).findFirst().orElseThrow();
        assertThat(exemplar.labels()).contains("trace_id=\"" + TRACE + "\"");
        JsonObject profile = SceneClient.ok(new SceneClient(server).get("/debug/profile?endpoint=/health/live"));
        JsonObject kept = profile.getJsonArray("recent_requests").getJsonObject(0);
        assertThat(kept.getString("id")).isEqualTo(exemplar.requestId());
        assertThat(kept.getString("trace_id")).isEqualTo(TRACE);
    }

    @Test
    void malformedTraceparentIsIgnoredNeverRefused() throws Exception {
        server = TestServer.start();
        SceneClient admin = new SceneClient(server);
        for (String bad : List.of("", "garbage", "00-" + TRACE + "-0000000000000000-01", "ff-" + TRACE
                + "-00f067aa0ba902b7-01", "00-" + TRACE.toUpperCase() + "-00f067aa0ba902b7-01", "x".repeat(1000))) {
            String what = bad.length() > 60 ? bad.length() + " characters" : "'" + bad + "'";
            var live = server.get("/health/live", "traceparent", bad);
            assertThat(live.statusCode()).as(what).isEqualTo(200);
            assertThat(live.headers().firstValue("traceparent")).as(what).isEmpty();
            var status = server.get("/auth/status", "traceparent", bad, "Authorization",
                    "Bearer " + server.adminToken());
            assertThat(status.statusCode()).as(what).isEqualTo(200);
        }
        // Two headers: ambiguous, so ignored as well.
        var twice = server.get("/health/live", "traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01",
                "traceparent", "00-" + TRACE + "-00f067aa0ba902b8-01");
        assertThat(twice.statusCode()).isEqualTo(200);
        assertThat(twice.headers().firstValue("traceparent")).isEmpty();
        assertThat(SceneClient.ok(admin.get("/debug/profile?limit=1000")).getJsonArray("recent_requests").encode())
                .doesNotContain("trace_id");
    }

    @Test
    void anEvictedProfileIsNeverAdvertised() throws Exception {
        // Five recent profiles, nothing slow: a request leaves the store five requests later.
        server = TestServer.start(c -> c.withProfiler(new ServerConfig.Profiling(true, 1.0, 60_000, 5)));
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);   // req_1
        for (int i = 0; i < 7; i++) {
            assertThat(server.get("/health/quick").statusCode()).isEqualTo(200); // req_2 .. req_8
        }
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);  // req_9
        List<Exemplar> advertised = exemplars(scrapeUntil(server, "/health/ready"));
        assertThat(advertised).anyMatch(e -> e.series().contains("endpoint=\"/health/ready\""))
                .noneMatch(e -> e.series().contains("endpoint=\"/health/live\""))
                // At most the five newest (and the scrapes that were not stored yet) were kept when it was collected.
                .allSatisfy(e -> assertThat(Long.parseLong(e.requestId().substring(4))).isGreaterThanOrEqualTo(4));
    }

    /**
     * The OpenMetrics exposition once it has an exemplar for {@code endpoint} (a request is recorded when its
     * response has ended, which the client may see a moment before), or after 5 s.
     */
    static String scrapeUntil(TestServer server, String endpoint) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            String body = server.get("/metrics", "Accept", OPENMETRICS).body();
            if (exemplars(body).stream().anyMatch(e -> e.series().contains("endpoint=\"" + endpoint + "\""))
                    || System.nanoTime() > deadline) {
                return body;
            }
            Thread.sleep(20);
        }
    }

    record Exemplar(String series, String labels, double value) {
        String requestId() {
            Matcher m = Pattern.compile("request_id=\"(req_\\d+)\"").matcher(labels);
            assertThat(m.find()).as(labels).isTrue();
            return m.group(1);
        }
    }

    static List<Exemplar> exemplars(String openMetrics) {
        List<Exemplar> out = new ArrayList<>();
        Matcher m = EXEMPLAR.matcher(openMetrics);
        while (m.find()) {
            out.add(new Exemplar(m.group(1), m.group(2), Double.parseDouble(m.group(3))));
        }
        return out;
    }
}
