package dev.spacetime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spacetime.catalog.Jobs;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The click path from a latency exemplar to its flame graph, with the real pieces: the api-server jar and Debian's
 * Prometheus with exemplar storage (as the generated configs run it) scraping it every second, after traffic with
 * slow scene loads and W3C {@code traceparent} headers. Every {@code request_id} that {@code /api/v1/query_exemplars}
 * returns resolves, through the flame graph endpoint the datasource's link opens, to that very request's profile. Then
 * a flood of fast requests pushes the slow loads out of the profiler's recent list: their exemplars still resolve,
 * from the slow list.
 */
class ExemplarLinkIT {
    private static final String BUCKETS = Metrics.HTTP_REQUEST_DURATION.name() + "_bucket";
    private static final double SLOW_SECONDS = 0.05;
    private static final int RECENT_CAPACITY = 300;
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;

    private static LivePrometheus prometheus;
    private static ApiServerProcess api;
    private static String token;

    /** An exemplar as Prometheus returns it, with the labels of its bucket series. */
    record Exemplar(String endpoint, String method, String requestId, String traceId, double seconds) {
    }

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        Path project = Files.createDirectories(dir.resolve("project"));
        writeScene(project.resolve("main.tscn"), 3);
        writeScene(project.resolve("slow.tscn"), 10_000);
        Path config = Files.writeString(dir.resolve("api.yml"), """
                profiler: {slowThresholdMs: %d, capacity: %d}
                rateLimit: {perMinute: {default: 100000, scene: 1000}}
                """.formatted((long) (SLOW_SECONDS * 1000), RECENT_CAPACITY));
        Path tokenFile = dir.resolve("token");
        api = ApiServerProcess.start(0, dir.resolve("api-server.log"), "--token-file", tokenFile.toString(),
                "--project-root", project.toString(), "--config", config.toString());
        token = Files.readString(tokenFile).strip();
        prometheus = LivePrometheus.start(dir, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: %s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(Jobs.API, api.port), "--enable-feature=exemplar-storage");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void everyExemplarOpensTheFlameGraphOfItsRequestAndSlowOnesOutliveTheRecentList() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(send("GET", "/health/live", null, i % 2 == 0 ? traceparent(i) : null)).isEqualTo(200);
            assertThat(send("GET", "/auth/status", null, null)).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(send("POST", "/scene", "{\"scene_path\": \"res://slow.tscn\"}", null)).isEqualTo(200);
        }

        List<Exemplar> first = awaitExemplars(all -> all.stream().anyMatch(e -> e.endpoint().equals("/scene")
                && e.seconds() >= SLOW_SECONDS) && all.stream().anyMatch(e -> TRACE_ID.equals(e.traceId())));
        assertThat(first).extracting(Exemplar::endpoint).contains("/health/live", "/auth/status", "/scene");
        for (Exemplar e : first) {
            assertResolvesToItsRequest(e);
        }

        // More fast requests than the recent list holds: the slow loads stay only in the slow list.
        for (int i = 0; i < RECENT_CAPACITY + 50; i++) {
            send("GET", "/health/live", null, null);
        }
        List<String> recent = JSON.readTree(get("/debug/profile?limit=" + RECENT_CAPACITY).body())
                .path("recent_requests").findValuesAsText("id");
        List<Exemplar> slow = awaitExemplars(all -> true).stream().filter(e -> e.seconds() >= SLOW_SECONDS).toList();
        assertThat(slow).extracting(Exemplar::endpoint).contains("/scene");
        for (Exemplar e : slow) {
            if (e.endpoint().equals("/scene")) { // loaded before the flood (a slow scrape may come during it)
                assertThat(recent).as("%s left the recent list", e.requestId()).doesNotContain(e.requestId());
            }
            assertResolvesToItsRequest(e);
        }
    }

    /** The flame graph the datasource's link opens (the viewer loads exactly this) is the exemplar's request. */
    private static void assertResolvesToItsRequest(Exemplar e) throws Exception {
        assertThat(Provisioning.VIEWER_URL).endsWith("/debug/viewer/?" + Labels.EXEMPLAR_REQUEST_ID + "=");
        var graph = get("/debug/profile/flamegraph?format=speedscope&request_id=" + e.requestId());
        assertThat(graph.statusCode()).as(e.toString()).isEqualTo(200);
        JsonNode profile = JSON.readTree(graph.body()).path("profiles").get(0);
        // Named "<id> <METHOD> <endpoint> <status>", lasting endValue microseconds.
        assertThat(profile.path("name").asText()).as(e.toString())
                .startsWith(e.requestId() + " " + e.method() + " " + e.endpoint() + " ");
        assertThat(profile.path("endValue").asDouble() / 1e6).as(e.toString())
                .isCloseTo(e.seconds(), org.assertj.core.data.Offset.offset(1e-6));
    }

    /** Polls {@code query_exemplars} over the last minute until {@code done}; fails after 30 s. */
    private static List<Exemplar> awaitExemplars(Predicate<List<Exemplar>> done) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        List<Exemplar> last = List.of();
        Thread.sleep(2_500); // at least two scrapes after the traffic
        while (Instant.now().isBefore(deadline)) {
            JsonNode answer = prometheus.exemplars(BUCKETS, Duration.ofMinutes(1));
            assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("success");
            last = new ArrayList<>();
            for (JsonNode series : answer.path("data")) {
                JsonNode labels = series.path("seriesLabels");
                for (JsonNode ex : series.path("exemplars")) {
                    last.add(new Exemplar(labels.path(Labels.ENDPOINT).asText(), labels.path(Labels.METHOD).asText(),
                            ex.path("labels").path(Labels.EXEMPLAR_REQUEST_ID).asText(),
                            ex.path("labels").path(Labels.EXEMPLAR_TRACE_ID).asText(null),
                            ex.path("value").asDouble()));
                }
            }
            if (!last.isEmpty() && done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        return org.assertj.core.api.Assertions.fail("no such exemplars within 30 s; last: " + last);
    }

    private static String traceparent(int i) {
        return "00-" + TRACE_ID + "-" + String.format("%016x", i + 1) + "-01";
    }

    private static int send(String method, String path, String json, String traceparent)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(api.base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api.base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A Godot text scene of {@code nodes} 3D nodes under one root: big enough to take a while to load. */
    private static void writeScene(Path file, int nodes) throws IOException {
        var text = new StringBuilder("[gd_scene format=3]\n\n[node name=\"Root\" type=\"Node3D\"]\n");
        for (int i = 0; i < nodes; i++) {
            text.append("\n[node name=\"N").append(i).append("\" type=\"Node3D\" parent=\".\"]\n")
                    .append("transform = Transform3D(1, 0, 0, 0, 1, 0, 0, 0, 1, ").append(i).append(", 0, 0)\n");
        }
        Files.writeString(file, text);
    }
}
