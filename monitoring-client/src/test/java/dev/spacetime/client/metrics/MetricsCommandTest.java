package dev.spacetime.client.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spacetime.catalog.MetricDef;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.client.LiveServer;
import dev.spacetime.client.exposition.ExpositionParser;
import dev.spacetime.client.exposition.MetricFamily;
import dev.spacetime.client.http.ApiClient;
import dev.spacetime.server.config.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetricsCommandTest {
    /** Catalog families a server with the demo project exposes from the start. */
    private static final List<MetricDef> ALWAYS_EXPOSED = List.of(Metrics.HTTP_REQUESTS, Metrics.HTTP_REQUEST_DURATION,
            Metrics.HTTP_REQUEST_SIZE, Metrics.HTTP_RESPONSE_SIZE, Metrics.ACTIVE_CONNECTIONS, Metrics.AUTH_ATTEMPTS,
            Metrics.RATE_LIMIT_HITS, Metrics.SCENE_LOADS, Metrics.SCENE_LOAD_ERRORS, Metrics.SCENE_LOAD_DURATION,
            Metrics.ENGINE_FPS, Metrics.ENGINE_TARGET_FPS, Metrics.ENGINE_FRAME_TIME, Metrics.HEALTH_STATUS,
            Metrics.PROCESS_RESIDENT_MEMORY, Metrics.JVM_MEMORY_USED);

    @Test
    void showsTheCatalogFamiliesGroupedWithTypeHelpAndSeries() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            s.get("/health");
            LiveServer.Run run = s.client("metrics", "--all");
            assertThat(run.exit()).isZero();
            assertThat(run.err()).isEmpty();
            List<String> lines = Arrays.asList(run.out().split("\n"));
            for (MetricDef def : ALWAYS_EXPOSED) {
                String kind = def.type().name().toLowerCase(Locale.ROOT);
                assertThat(lines).as(def.name()).anySatisfy(l -> assertThat(l)
                        .startsWith(def.name() + "  " + kind + "  ").contains(" series  " + def.help()));
            }
            assertThat(lines).contains("  " + Metrics.HTTP_REQUESTS.name()
                    + "{endpoint=\"/health\",method=\"GET\",status=\"200\"}  1");
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  " + Metrics.HTTP_REQUEST_DURATION.name()
                    + "{endpoint=\"/health\",method=\"GET\"}  count=1 sum="));
        }
    }

    @Test
    void jsonHasEveryFamilyAndSampleOfTheExposition() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            // Independent counts over the raw text just before and just after the client's scrape. The exposition
            // only grows between them (a GC can add the JVM's allocation counters), so the client's view must lie
            // between the two: nothing the server exposed is dropped, nothing is invented.
            String before = s.metrics();
            LiveServer.Run run = s.client("--json", "metrics");
            String after = s.metrics();
            assertThat(run.exit()).isZero();
            JsonNode body = ApiClient.JSON.readTree(run.out());
            List<String> names = new ArrayList<>();
            int samples = 0;
            for (JsonNode f : body.get("families")) {
                names.add(f.get("name").asText());
                samples += f.get("samples").size();
                assertThat(f.get("series").asInt()).isPositive();
            }
            assertThat(names).containsAll(ALWAYS_EXPOSED.stream().map(MetricDef::name).toList())
                    .doesNotHaveDuplicates()
                    .containsAll(typedFamilies(before))
                    .isSubsetOf(typedFamilies(after));
            assertThat(samples).isBetween(sampleLines(before), sampleLines(after));
            assertThat(body.has("traffic")).isFalse();
        }
    }

    @Test
    void namePrefixesSelectFamiliesAndTheRealExpositionParses() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            LiveServer.Run run = s.client("metrics", "health_", "active_");
            assertThat(run.exit()).isZero();
            long healthSeries = s.metrics().lines().filter(l -> l.startsWith(Metrics.HEALTH_STATUS.name() + "{"))
                    .count();
            assertThat(healthSeries).as("one-hot: three states per subsystem").isGreaterThan(MetricsCommand.SERIES_SHOWN);
            assertThat(run.out()).contains(Metrics.HEALTH_STATUS.name() + "  gauge  " + healthSeries + " series")
                    .contains(Metrics.ACTIVE_CONNECTIONS.name() + "  gauge  1 series")
                    .contains("… " + (healthSeries - MetricsCommand.SERIES_SHOWN) + " more series (--all shows them)")
                    .doesNotContain(Metrics.HTTP_REQUESTS.name()).endsWith("2 families\n");
            List<MetricFamily> families = ExpositionParser.parse(s.metrics()).families();
            assertThat(families).extracting(MetricFamily::name).doesNotHaveDuplicates();
        }
    }

    @Test
    void rateCountsRequestsBetweenTwoScrapes() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            Traffic traffic = Traffic.start(s, "/health/live");
            LiveServer.Run run;
            try {
                run = s.client("--json", "metrics", "--rate", "0.5", Metrics.HTTP_REQUESTS.name());
            } finally {
                traffic.stop();
            }
            assertThat(run.exit()).isZero();
            JsonNode t = ApiClient.JSON.readTree(run.out()).get("traffic");
            assertThat(t.get("seconds").asDouble()).isGreaterThanOrEqualTo(0.5);
            // The background requests, plus at most the client's own first scrape.
            assertThat(t.get("requests").asDouble()).isBetween(1.0, traffic.sent() + 1.0);
            assertThat(t.get("request_rate").asDouble()).isPositive();
            assertThat(t.get("server_errors").asDouble()).isZero();
            assertThat(t.get("error_ratio").asDouble()).isZero();
        }
    }

    @Test
    void rateShowsTheShareOfServerErrors() throws Exception {
        // An unhealthy server answers /health with 503: real 5xx responses.
        try (LiveServer s = LiveServer.start(c -> c.withHealth(new ServerConfig.Health(1, 2,
                c.health().connectionsDegraded(), c.health().connectionsUnhealthy(), Duration.ofSeconds(2),
                Duration.ofSeconds(5))))) {
            Traffic traffic = Traffic.start(s, "/health");
            LiveServer.Run text;
            try {
                text = s.client("metrics", "--rate", "0.5", Metrics.HTTP_REQUESTS.name());
            } finally {
                traffic.stop();
            }
            assertThat(text.exit()).isZero();
            String summary = text.out().lines().filter(l -> l.startsWith("Requests: ")).findFirst().orElseThrow();
            assertThat(summary).matches("Requests: \\d+ in 0\\.\\d s, \\d+\\.\\d\\d req/s; 5xx error ratio "
                    + "\\d+\\.\\d\\d % \\(\\d+ of \\d+\\); p95 latency \\d+\\.\\d\\d ms");
            assertThat(summary).doesNotContain("error ratio 0.00 %");
        }
    }

    @Test
    void liveSeriesComeBeforeThePreSeededZeros() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            for (int i = 0; i < 3; i++) {
                s.get("/runbooks/"); // a route template that sorts after ten zero series
            }
            LiveServer.Run run = s.client("metrics", Metrics.HTTP_REQUESTS.name());
            assertThat(run.exit()).isZero();
            List<String> shown = run.out().lines().filter(l -> l.startsWith("  " + Metrics.HTTP_REQUESTS.name()))
                    .toList();
            assertThat(shown).hasSize(MetricsCommand.SERIES_SHOWN).first().asString()
                    .contains("endpoint=\"/runbooks/\"").endsWith("  3");
            assertThat(s.metrics().lines().filter(l -> l.startsWith(Metrics.HTTP_REQUESTS.name() + "{"))
                    .limit(MetricsCommand.SERIES_SHOWN)).as("alphabetically, it would be hidden")
                    .noneMatch(l -> l.contains("/runbooks/"));
        }
    }

    @Test
    void seriesThatChangedBetweenTheScrapesComeFirstThenNonZeroThenZero() {
        var zero = line("a", 0);
        var steady = line("b", 5);
        var changed = line("c", 7);
        var otherZero = line("d", 0);
        assertThat(MetricsCommand.liveFirst(List.of(zero, steady, changed, otherZero),
                Map.of(steady.labels(), 5.0, changed.labels(), 6.0, zero.labels(), 0.0)))
                .containsExactly("c", "b", "a", "d");
        assertThat(MetricsCommand.liveFirst(List.of(zero, steady, changed, otherZero), Map.of()))
                .containsExactly("b", "c", "a", "d");
    }

    private static MetricsCommand.SeriesLine line(String name, double value) {
        return new MetricsCommand.SeriesLine(new TreeMap<>(Map.of("x", name)), value, name);
    }

    /** Requests sent from a background thread until stopped. */
    record Traffic(Thread thread, AtomicBoolean running, AtomicInteger count) {
        static Traffic start(LiveServer s, String path) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger count = new AtomicInteger();
            Thread t = new Thread(() -> {
                while (running.get()) {
                    try {
                        s.get(path);
                        count.incrementAndGet();
                        Thread.sleep(5); // steady traffic, not a flood of a shared 2-core machine
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "traffic");
            t.start();
            return new Traffic(t, running, count);
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        int sent() {
            return count.get();
        }
    }

    private static List<String> typedFamilies(String exposition) {
        return exposition.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).toList();
    }

    private static int sampleLines(String exposition) {
        return (int) exposition.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    }
}
