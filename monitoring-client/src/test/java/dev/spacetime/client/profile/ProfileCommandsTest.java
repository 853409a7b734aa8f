package dev.spacetime.client.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spacetime.client.LiveServer;
import dev.spacetime.client.http.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code profile}, {@code flamegraph} and the dashboard's slow-request list against the server's /debug/profile
 * routes (authenticated with the token file the server wrote).
 */
class ProfileCommandsTest {

    private static void traffic(LiveServer s) throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(s.get("/health")).isEqualTo(200);
            assertThat(s.get("/metrics")).isEqualTo(200);
        }
    }

    @Test
    void profileShowsPhaseStatisticsEndpointSummaryAndSlowestRequests() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            traffic(s);
            LiveServer.Run run = s.client("profile");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.err()).isEmpty();
            List<String> lines = run.out().lines().toList();
            assertThat(lines.get(0)).matches("Profiles: \\d+ recorded \\(\\d+ slow\\), \\d+ kept; filters: .*");
            assertThat(lines).containsSubsequence("Phase statistics", "Endpoint summary", "Slowest requests");
            assertThat(lines).anySatisfy(l -> assertThat(l).matches("  phase +count +avg +p50 +p95 +p99 +max +self avg"))
                    .anySatisfy(l -> assertThat(l).matches("  GET +/health +\\d+ +\\d+\\.\\d\\d ms .*"))
                    .anySatisfy(l -> assertThat(l).matches("  req_\\d+ +GET +/(health|metrics) +200 +\\d+\\.\\d\\d ms .*"));
            assertThat(run.out()).doesNotContain(s.token());
        }
    }

    @Test
    void filtersGoToTheServerAsItsQueryParameters() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            traffic(s);
            LiveServer.Run run = s.client("--json", "profile", "--endpoint=/health", "--method=get", "--limit=2");
            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode body = ApiClient.JSON.readTree(run.out());
            JsonNode filters = body.get("filters_applied");
            assertThat(filters.get("endpoint").asText()).isEqualTo("/health");
            assertThat(filters.get("method").asText()).isEqualTo("GET");
            assertThat(filters.get("limit").asInt()).isEqualTo(2);
            assertThat(body.get("recent_requests")).hasSize(2)
                    .allSatisfy(r -> assertThat(r.get("endpoint").asText()).isEqualTo("/health"));

            JsonNode slow = ApiClient.JSON.readTree(s.client("--json", "profile", "--slow-only",
                    "--min-duration-ms=0").out()).get("filters_applied");
            assertThat(slow.get("slow_only").asBoolean()).isTrue();
            assertThat(slow.get("min_duration_ms").asDouble()).isZero();
        }
    }

    @Test
    void aWrongTokenIsRefusedInOneLineWithoutShowingIt() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            String wrong = "not-the-admin-token-123";
            for (String command : new String[] {"profile", "flamegraph"}) {
                LiveServer.Run run = s.client(command, "--token", wrong);
                assertThat(run.exit()).as(command).isEqualTo(1);
                assertThat(run.err()).startsWith("error: HTTP 401 from GET /debug/profile")
                        .endsWith("(the token from --token was refused)\n").hasLineCount(1).doesNotContain(wrong);
                assertThat(run.out()).isEmpty();
            }
        }
    }

    @Test
    void flamegraphSavesEachFormatAndShowsWhereTheTimeWent() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            traffic(s);
            Path dir = Files.createDirectories(s.home.resolve("out"));
            for (String format : new String[] {"speedscope", "chrome", "folded"}) {
                LiveServer.Run run = s.client("flamegraph", "--format", format, "-o", dir.toString());
                assertThat(run.exit()).as(format + ": " + run.err()).isZero();
                String saved = run.out().lines().findFirst().orElseThrow();
                assertThat(saved).startsWith("Saved ").contains(" bytes to " + dir + "/");
                Path file = Path.of(saved.substring(saved.indexOf(" to ") + 4, saved.indexOf(" (")));
                assertThat(file).exists().isRegularFile();
                String content = Files.readString(file);
                switch (format) {
                    case "speedscope" -> assertThat(ApiClient.JSON.readTree(content).get("$schema").asText())
                            .contains("speedscope");
                    case "chrome" -> assertThat(ApiClient.JSON.readTree(content).get("traceEvents").isArray()).isTrue();
                    default -> assertThat(content.lines()).allMatch(l -> l.matches(".+ \\d+"));
                }
                assertThat(run.out()).contains("Where the time went (");
                assertThat(run.out().lines().skip(2)).isNotEmpty()
                        .allSatisfy(l -> assertThat(l).matches(".+  #+ +\\d+\\.\\d %  +\\d+\\.\\d{3} ms"));
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.count()).isEqualTo(3);
            }
        }
    }

    @Test
    void oneRequestById() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            traffic(s);
            JsonNode recent = ApiClient.JSON.readTree(s.client("--json", "profile", "--endpoint=/health")
                    .out()).get("recent_requests").get(0);
            Path file = s.home.resolve("one.json");
            LiveServer.Run run = s.client("--json", "flamegraph", "--request-id", recent.get("id").asText(),
                    "-o", file.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode summary = ApiClient.JSON.readTree(run.out());
            assertThat(summary.get("file").asText()).isEqualTo(file.toString());
            assertThat(Files.size(file)).isEqualTo(summary.get("bytes").asLong());
            assertThat(summary.get("stacks")).isNotEmpty().allSatisfy(st -> assertThat(st.get("stack").asText())
                    .startsWith(recent.get("method").asText() + " " + recent.get("endpoint").asText()));

            LiveServer.Run missing = s.client("flamegraph", "--request-id", "req_999999999");
            assertThat(missing.exit()).isEqualTo(1);
            assertThat(missing.err()).startsWith("error: HTTP 404 from GET /debug/profile/flamegraph").hasLineCount(1);
        }
    }

    @Test
    void filtersAggregateTheMatchingRequests() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            traffic(s);
            Path file = s.home.resolve("health.folded.txt");
            LiveServer.Run run = s.client("--json", "flamegraph", "--endpoint=/health", "--format=folded", "-o",
                    file.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode summary = ApiClient.JSON.readTree(run.out());
            assertThat(summary.get("stacks")).isNotEmpty()
                    .allSatisfy(st -> assertThat(st.get("stack").asText()).startsWith("GET /health"));
            assertThat(Files.readString(file).lines()).isNotEmpty().allMatch(l -> l.startsWith("GET /health"));
        }
    }

    @Test
    void theDashboardListsSlowRequestsWithTheToken() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            traffic(s);
            LiveServer.Run run = s.client("--json", "dashboard", "0.2", "--frames", "2");
            assertThat(run.exit()).isZero();
            for (String line : run.out().lines().toList()) {
                JsonNode frame = ApiClient.JSON.readTree(line);
                assertThat(frame.has("slow_requests_unavailable")).as(line).isFalse();
                assertThat(frame.get("slow_requests").isArray()).isTrue();
                frame.get("slow_requests").forEach(r -> assertThat(r.get("slow").asBoolean()).isTrue());
            }
        }
    }
}
