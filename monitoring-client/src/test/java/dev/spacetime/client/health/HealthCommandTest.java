package dev.spacetime.client.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spacetime.client.LiveServer;
import dev.spacetime.client.http.ApiClient;
import dev.spacetime.server.config.ServerConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthCommandTest {
    private static final String ESC = "\u001b[";

    @Test
    void healthyServerExitsZeroWithEverySubsystem() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            LiveServer.Run run = s.client("health");
            assertThat(run.exit()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).startsWith(s.url() + ": HEALTHY  (checked in ").doesNotContain(ESC);
            assertThat(run.out().lines()).anySatisfy(l -> assertThat(l).matches("  memory +healthy +\\d+\\.\\d ms  .+"))
                    .anySatisfy(l -> assertThat(l).matches("  file_system +healthy +.*project root.*"))
                    .anySatisfy(l -> assertThat(l).startsWith("  connections "));
        }
    }

    @Test
    void jsonIsTheServersReport() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            LiveServer.Run run = s.client("health", "--json");
            assertThat(run.exit()).isZero();
            JsonNode body = ApiClient.JSON.readTree(run.out());
            assertThat(body.get("status").asText()).isIn("healthy", "degraded");
            assertThat(body.get("subsystems").has("file_system")).isTrue();
        }
    }

    @Test
    void unhealthyExitsOneAndSaysWhy() throws Exception {
        // Any JVM uses more than 2 MB: memory is unhealthy.
        try (LiveServer s = LiveServer.start(c -> c.withHealth(new ServerConfig.Health(1, 2,
                c.health().connectionsDegraded(), c.health().connectionsUnhealthy(), Duration.ofSeconds(2),
                Duration.ofSeconds(5))))) {
            LiveServer.Run run = s.client("health");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains(": UNHEALTHY").contains("! memory: ");
            assertThat(run.out().lines()).anySatisfy(l -> assertThat(l).matches("  memory +unhealthy .*"));
            LiveServer.Run json = s.client("--json", "health");
            assertThat(json.exit()).isEqualTo(1);
            assertThat(ApiClient.JSON.readTree(json.out()).get("status").asText()).isEqualTo("unhealthy");
        }
    }

    @Test
    void degradedIsShownButExitsZero() throws Exception {
        // More than 1 MB is degraded, unhealthy only past 1 TB.
        try (LiveServer s = LiveServer.start(c -> c.withHealth(new ServerConfig.Health(1, 1 << 20,
                c.health().connectionsDegraded(), c.health().connectionsUnhealthy(), Duration.ofSeconds(2),
                Duration.ofSeconds(5))))) {
            LiveServer.Run run = s.client(LiveServer.env("TERM", "xterm"), true, "health");
            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains(ESC + "33mDEGRADED").contains(ESC + "33mdegraded")
                    .contains(ESC + "33m! " + ESC + "0mmemory: ");
        }
    }

    @Test
    void colouredOnlyOnATerminalThatWantsColour() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            Map<String, String> xterm = LiveServer.env("TERM", "xterm-256color");
            assertThat(s.client(xterm, true, "health").out()).contains(ESC + "32mhealthy" + ESC + "0m")
                    .contains(ESC + "1m" + ESC + "32mHEALTHY");
            assertThat(s.client(LiveServer.env("TERM", "xterm", "NO_COLOR", ""), true, "health").out())
                    .doesNotContain(ESC);
            assertThat(s.client(LiveServer.env("TERM", "dumb"), true, "health").out()).doesNotContain(ESC);
            assertThat(s.client(LiveServer.env(), true, "health").out()).as("no TERM").doesNotContain(ESC);
            assertThat(s.client(xterm, false, "health").out()).as("not a console").doesNotContain(ESC);
        }
    }
}
