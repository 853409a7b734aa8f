package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.server.config.ServerConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void healthyServerReportsEveryShape() throws Exception {
        try (TestServer s = TestServer.start()) {
            var health = s.get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            JsonObject body = new JsonObject(health.body());
            assertThat(body.fieldNames()).containsExactlyInAnyOrder("status", "healthy", "timestamp",
                    "check_duration_ms", "subsystems", "issues");
            assertThat(body.getString("status")).isIn("healthy", "degraded");
            assertThat(body.getBoolean("healthy")).isTrue();
            JsonObject subsystems = body.getJsonObject("subsystems");
            assertThat(subsystems.fieldNames()).containsExactlyInAnyOrder("memory", "file_system", "connections",
                    "scene_loader", "engine", "alerting");
            for (String name : subsystems.fieldNames()) {
                JsonObject sub = subsystems.getJsonObject(name);
                assertThat(sub.fieldNames()).containsExactlyInAnyOrder("status", "message", "check_duration_ms",
                        "details");
                assertThat(sub.getString("status")).isIn("healthy", "degraded", "unhealthy");
            }
            assertThat(subsystems.getJsonObject("file_system").getString("status")).isEqualTo("healthy");

            JsonObject quick = new JsonObject(s.get("/health/quick").body());
            assertThat(quick.fieldNames()).containsExactlyInAnyOrder("healthy", "check_duration_ms", "memory_mb",
                    "fps");
            assertThat(quick.getLong("memory_mb")).isPositive();

            var live = s.get("/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            var ready = s.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(ready.body()).getBoolean("ready")).isTrue();
        }
    }

    @Test
    void anUnhealthySubsystemMakesHealthAndReady503AndIsExported() throws Exception {
        // Any running JVM uses more than 2 MB: memory is unhealthy from the first check.
        try (TestServer s = TestServer.start(c -> c.withHealth(new ServerConfig.Health(1, 2,
                c.health().connectionsDegraded(), c.health().connectionsUnhealthy(), Duration.ofSeconds(2),
                Duration.ofSeconds(5))))) {
            var health = s.get("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            JsonObject body = new JsonObject(health.body());
            assertThat(body.getString("status")).isEqualTo("unhealthy");
            assertThat(body.getBoolean("healthy")).isFalse();
            assertThat(body.getJsonObject("subsystems").getJsonObject("memory").getString("status"))
                    .isEqualTo("unhealthy");
            assertThat(body.getJsonArray("issues").getString(0)).startsWith("memory: ");
            assertThat(s.get("/health/ready").statusCode()).isEqualTo(503);
            assertThat(s.get("/health/live").statusCode()).as("live never checks dependencies").isEqualTo(200);
            assertThat(new JsonObject(s.get("/health/quick").body()).getBoolean("healthy")).isFalse();
            String metrics = s.metrics();
            assertThat(TestServer.sample(metrics, "health_status{state=\"unhealthy\",subsystem=\"memory\"}"))
                    .isEqualTo(1);
            assertThat(TestServer.sample(metrics, "health_status{state=\"unhealthy\",subsystem=\"overall\"}"))
                    .isEqualTo(1);
            assertThat(TestServer.sample(metrics, "health_status{state=\"healthy\",subsystem=\"overall\"}"))
                    .isZero();
        }
    }

    @Test
    void aProjectRootThatDisappearsIsUnhealthy() throws Exception {
        try (TestServer s = TestServer.start()) {
            Path project = s.server.modules().projectRoot();
            try (var paths = Files.walk(project)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            var health = s.get("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            JsonObject subsystems = new JsonObject(health.body()).getJsonObject("subsystems");
            assertThat(subsystems.getJsonObject("file_system").getString("status")).isEqualTo("unhealthy");
            assertThat(subsystems.getJsonObject("scene_loader").getString("status")).isEqualTo("unhealthy");
            assertThat(health.body()).as("no server path in health messages")
                    .doesNotContain(project.toString() + "/");
        }
    }

    @Test
    void aMissingProjectRootStopsTheStart() {
        assertThatThrownBy(() -> TestServer.start(c -> c.withProjectRoot(c.tokenFile().resolveSibling("no-such-dir"))))
                .isInstanceOf(StartupException.class).hasMessageContaining("is not a directory");
    }
}
