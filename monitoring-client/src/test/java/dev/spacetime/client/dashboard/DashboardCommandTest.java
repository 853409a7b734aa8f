package dev.spacetime.client.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spacetime.catalog.AuthResult;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.client.Environment;
import dev.spacetime.client.LiveServer;
import dev.spacetime.client.exposition.ExpositionParser;
import dev.spacetime.client.exposition.Sample;
import dev.spacetime.client.http.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard captured over a few frames, as a terminal, a pipe and JSON would receive it. */
class DashboardCommandTest {
    private static final Map<String, String> XTERM = LiveServer.env("TERM", "xterm-256color");

    @Test
    void terminalFramesRedrawInPlaceWithoutClearingTheScreen() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            LiveServer.Run run = s.client(XTERM, true, "dashboard", "0.2", "--frames", "3");
            assertThat(run.exit()).isZero();
            assertThat(run.err()).isEmpty();
            String out = run.out();
            assertThat(out).startsWith(Screen.HIDE_CURSOR + Screen.HOME).endsWith(Screen.CLEAR_BELOW + Screen.SHOW_CURSOR)
                    .doesNotContain("\u001b[2J").doesNotContain("\u001b[3J").doesNotContain("\u001bc");
            assertThat(count(out, Screen.HIDE_CURSOR)).isOne();
            assertThat(count(out, Screen.SHOW_CURSOR)).isOne();
            List<String> frames = Arrays.stream(out.split(Pattern.quote(Screen.HOME))).skip(1).toList();
            assertThat(frames).hasSize(3);
            for (String frame : frames) {
                String body = frame.replace(Screen.SHOW_CURSOR, "");
                assertThat(body).endsWith("\n" + Screen.CLEAR_BELOW);
                // Every line clears the rest of its row, so a shorter value leaves no stale characters.
                for (String line : body.substring(0, body.length() - Screen.CLEAR_BELOW.length()).split("\n")) {
                    assertThat(line).endsWith(Screen.CLEAR_TO_EOL);
                }
                assertThat(body).contains("SpaceTime API").contains(s.url()).contains("HEALTHY")
                        .contains("Connections").contains("Memory").contains("Engine fps")
                        .contains("Recent slow requests");
            }
            assertThat(frames.get(0)).contains("collecting (rates need a second scrape)");
            for (String frame : frames.subList(1, 3)) {
                assertThat(frame).doesNotContain("collecting").containsPattern("Requests +\\d+\\.\\d\\d req/s")
                        .containsPattern("Errors 5xx +0\\.00 %").containsPattern("p95 latency +\\d+\\.\\d\\d ms");
            }
        }
    }

    @Test
    void noColourStillRedrawsInPlace() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            LiveServer.Run run = s.client(LiveServer.env("TERM", "xterm", "NO_COLOR", "1"), true, "dashboard", "0.2",
                    "--frames", "2");
            assertThat(run.exit()).isZero();
            assertThat(count(run.out(), Screen.HOME)).isEqualTo(2);
            assertThat(run.out()).doesNotContain("\u001b[1m").doesNotContain("\u001b[32m").doesNotContain("\u001b[0m");
        }
    }

    @Test
    void aPipeGetsPlainFrames() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            LiveServer.Run run = s.client(XTERM, false, "dashboard", "0.2", "--frames", "3");
            assertThat(run.exit()).isZero();
            assertThat(run.out()).doesNotContain("\u001b");
            assertThat(count(run.out(), "SpaceTime API")).isEqualTo(3);
            assertThat(run.out()).contains("\n\nSpaceTime API").endsWith("\n\n");
        }
    }

    @Test
    void jsonFramesCarryTheComputedValues() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            LiveServer.Run run = s.client("--json", "dashboard", "0.2", "--frames", "3");
            assertThat(run.exit()).isZero();
            List<String> lines = run.out().lines().toList();
            assertThat(lines).hasSize(3);
            JsonNode first = ApiClient.JSON.readTree(lines.get(0));
            assertThat(first.get("frame").asInt()).isOne();
            assertThat(first.get("request_rate").isNull()).as("one scrape has no rate").isTrue();
            assertThat(first.get("health").asText()).isEqualTo("healthy");
            assertThat(first.get("resident_memory_bytes").asDouble()).isPositive();
            assertThat(first.get("heap_bytes").asDouble()).isPositive();
            assertThat(first.get("active_connections").asDouble()).isGreaterThanOrEqualTo(1);
            assertThat(first.get("fps").isNumber()).as("the demo scene's runtime measures its tick rate").isTrue();
            for (String line : lines.subList(1, 3)) {
                JsonNode frame = ApiClient.JSON.readTree(line);
                // At least the previous frame's own /health request was answered between the two scrapes.
                assertThat(frame.get("request_rate").asDouble()).isPositive();
                assertThat(frame.get("error_ratio").asDouble()).isZero();
                assertThat(frame.get("p95_ms").asDouble()).isPositive();
            }
        }
    }

    @Test
    void withoutATokenTheProfilerIsNotAskedSoNoAuthFailureIsCounted() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            Path emptyHome = Files.createDirectories(s.home.resolve("other-home"));
            LiveServer.Run run = LiveServer.run(new Environment(Map.of(), false, emptyHome), "--url", s.url(),
                    "dashboard", "0.2", "--frames", "2");
            assertThat(run.exit()).isZero();
            assertThat(count(run.out(), "no token for the profiler: no token: give --token")).isEqualTo(2);
            List<Sample> missing = ExpositionParser.parse(s.metrics()).samples(Metrics.AUTH_ATTEMPTS.name()).stream()
                    .filter(x -> AuthResult.MISSING_TOKEN.label().equals(x.label(Labels.RESULT))).toList();
            assertThat(missing).singleElement().extracting(Sample::value).isEqualTo(0.0);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
