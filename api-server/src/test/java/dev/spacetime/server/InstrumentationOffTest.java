package dev.spacetime.server;

import static dev.spacetime.server.SceneClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.server.config.ServerConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * With {@code instrumentation.enabled: false} (the baseline of overhead benchmarks) requests are served but leave no
 * request metrics and no profiles; /metrics and /health still answer.
 */
class InstrumentationOffTest {
    private static final String LIVE_OK = "http_requests_total{endpoint=\"/health/live\",method=\"GET\",status=\"200\"}";

    @Test
    void requestsAreServedWithoutMetricsOrProfiles() throws Exception {
        try (TestServer s = TestServer.start(c -> c.withInstrumentation(new ServerConfig.Instrumentation(false)))) {
            SceneClient admin = new SceneClient(s);
            double before = TestServer.sample(s.metrics(), LIVE_OK);
            assertThat(before).as("the series is still declared").isZero();
            for (int i = 0; i < 5; i++) {
                assertThat(ok(admin.get("/health/live")).getString("status")).isEqualTo("alive");
            }
            assertThat(ok(admin.load("res://levels/lobby.tscn")).getString("path")).isEqualTo("res://levels/lobby.tscn");
            assertThat(s.get("/health").statusCode()).isEqualTo(200);
            String exposition = s.metrics();
            assertThat(TestServer.sample(exposition, LIVE_OK)).isZero();
            assertThat(TestServer.sample(exposition,
                    "http_requests_total{endpoint=\"/scene\",method=\"POST\",status=\"200\"}")).isZero();

            JsonObject profile = ok(admin.get("/debug/profile"));
            assertThat(profile.getJsonArray("recent_requests")).isEmpty();
            assertThat(profile.getJsonObject("totals").getLong("recorded")).isZero();
            assertThat(profile.getJsonObject("settings").getBoolean("enabled")).isFalse();
            var flame = admin.get("/debug/profile/flamegraph");
            assertThat(flame.statusCode()).isEqualTo(404);
            assertThat(new JsonObject(flame.body()).getString("message")).isEqualTo("no requests have been profiled yet");
            var enable = admin.json("POST", "/debug/profile", "{\"enabled\": true}");
            assertThat(enable.statusCode()).isEqualTo(409);
            assertThat(new JsonObject(enable.body()).getString("message")).contains("instrumentation.enabled");
        }
    }
}
