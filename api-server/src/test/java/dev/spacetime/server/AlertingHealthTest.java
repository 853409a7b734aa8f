package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.Heartbeats;
import dev.spacetime.server.alerts.AlertStatus;
import dev.spacetime.server.alerts.ReceivedAlert;
import dev.spacetime.server.auth.MutableClock;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.state.StateStore;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead man's switch on real servers: Watchdog notifications through the webhook are heartbeats, exported and
 * judged by the {@code alerting} health subsystem on a clock the test moves; they survive a restart.
 */
class AlertingHealthTest {

    private static final String HEARTBEAT = "alert_webhook_last_heartbeat_timestamp_seconds";
    /** Whole seconds, so the exported timestamp is exact. */
    private static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");

    @TempDir
    Path home;

    /** A server over this test's state directory, on {@code clock}. */
    private TestServer start(MutableClock clock) throws Exception {
        return TestServer.start(c -> c.withStateDir(home.resolve("state")), clock);
    }

    private static JsonObject watchdog(String status) {
        return AlertWebhookTest.alert("wd01", Heartbeats.WATCHDOG_ALERT, status);
    }

    private static HttpResponse<String> post(TestServer s, JsonObject payload) throws Exception {
        String token = Files.readString(s.server.modules().config().alertWebhookTokenPath()).trim();
        return s.send("POST", "/alerts/webhook", payload.encode(), "Authorization", "Bearer " + token,
                "Content-Type", "application/json");
    }

    private static JsonObject alerting(TestServer s) throws Exception {
        var health = s.get("/health");
        assertThat(health.statusCode()).as("never unhealthy: " + health.body()).isEqualTo(200);
        return new JsonObject(health.body()).getJsonObject("subsystems").getJsonObject("alerting");
    }

    private static double status(TestServer s, String state) throws Exception {
        return TestServer.sample(s.metrics(), "health_status{state=\"" + state + "\",subsystem=\"alerting\"}");
    }

    private static JsonObject listed(TestServer s) throws Exception {
        return new JsonObject(s.get("/alerts", "Authorization", "Bearer " + s.adminToken()).body());
    }

    @Test
    void aWatchdogThroughTheWebhookIsAHeartbeatNotAnAlertAndAgesIntoDegraded() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (TestServer s = start(clock)) {
            JsonObject off = alerting(s);
            assertThat(off.getString("status")).isEqualTo("healthy");
            assertThat(off.getJsonObject("details").getMap()).isEqualTo(Map.of("heartbeat", "never",
                    "window_seconds", 300));
            assertThat(TestServer.sample(s.metrics(), HEARTBEAT)).as("0 until the first heartbeat ever").isZero();

            double firing = TestServer.sample(s.metrics(), "alert_webhook_alerts_total{status=\"firing\"}");
            clock.advance(Duration.ofSeconds(10));
            var accepted = post(s, AlertWebhookTest.payload("firing", watchdog("firing")));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            Instant received = T0.plusSeconds(10);
            String metrics = s.metrics();
            assertThat(TestServer.sample(metrics, HEARTBEAT)).isEqualTo(received.getEpochSecond());
            assertThat(TestServer.sample(metrics, "alert_webhook_alerts_total{status=\"firing\"}"))
                    .as("heartbeats are not counted as received alerts").isEqualTo(firing);
            assertThat(listed(s).getInteger("count")).as("nor listed").isZero();

            clock.advance(Duration.ofSeconds(30));
            JsonObject fresh = alerting(s);
            assertThat(fresh.getString("status")).isEqualTo("healthy");
            assertThat(fresh.getJsonObject("details").getMap()).isEqualTo(Map.of("heartbeat", received.toString(),
                    "age_seconds", 30, "window_seconds", 300));
            assertThat(status(s, "healthy")).isEqualTo(1);

            clock.advance(Duration.ofMinutes(5));
            var health = new JsonObject(s.get("/health").body());
            assertThat(health.getString("status")).isEqualTo("degraded");
            assertThat(health.getJsonArray("issues").getList()).anySatisfy(i ->
                    assertThat((String) i).startsWith("alerting: no heartbeat for 330 s"));
            assertThat(health.getJsonObject("subsystems").getJsonObject("alerting").getString("status"))
                    .isEqualTo("degraded");
            assertThat(status(s, "degraded")).isEqualTo(1);
            var ready = s.get("/health/ready");
            assertThat(ready.statusCode()).as("a silent pipeline keeps the server in rotation").isEqualTo(200);

            // A resolved Watchdog means Prometheus stopped evaluating it: no heartbeat, not listed either.
            var resolved = post(s, AlertWebhookTest.payload("resolved", watchdog("resolved")));
            assertThat(resolved.statusCode()).isEqualTo(200);
            assertThat(alerting(s).getString("status")).isEqualTo("degraded");
            assertThat(listed(s).getInteger("count")).isZero();

            // Validation is as strict as for any alert: a malformed payload refreshes nothing.
            JsonObject malformed = AlertWebhookTest.payload("firing", watchdog("firing").put("startsAt", "soon"));
            assertThat(post(s, malformed).statusCode()).isEqualTo(400);
            assertThat(alerting(s).getString("status")).isEqualTo("degraded");

            // Beside an ordinary alert: the heartbeat counts, the other alert is kept and counted as always.
            var mixed = post(s, AlertWebhookTest.payload("firing", watchdog("firing"),
                    AlertWebhookTest.alert("aa01", "HighErrorRate", "firing")));
            assertThat(new JsonObject(mixed.body()).getInteger("accepted")).isEqualTo(2);
            assertThat(alerting(s).getString("status")).isEqualTo("healthy");
            assertThat(TestServer.sample(s.metrics(), HEARTBEAT)).isEqualTo(clock.instant().getEpochSecond());
            assertThat(listed(s).getJsonArray("alerts").getJsonObject(0).getString("alertname"))
                    .isEqualTo("HighErrorRate");
            assertThat(listed(s).getInteger("count")).isEqualTo(1);
        }
    }

    @Test
    void aRevokedCopyOfTheWebhookTokenIsRefusedAndItsHeartbeatNotRecorded() throws Exception {
        // What an end-to-end test does to make deliveries fail: Alertmanager holds a copy, the copy is revoked (the
        // server writes a new token to its file at once, which the copy's holder never reads).
        MutableClock clock = new MutableClock(T0);
        try (TestServer s = start(clock)) {
            String copy = Files.readString(s.server.modules().config().alertWebhookTokenPath()).trim();
            var revoke = s.send("POST", "/auth/revoke", new JsonObject().put("token", copy).encode(),
                    "Authorization", "Bearer " + s.adminToken(), "Content-Type", "application/json");
            assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);
            var refused = s.send("POST", "/alerts/webhook", AlertWebhookTest.payload("firing", watchdog("firing"))
                    .encode(), "Authorization", "Bearer " + copy, "Content-Type", "application/json");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(alerting(s).getJsonObject("details").getString("heartbeat")).isEqualTo("never");
            assertThat(TestServer.sample(s.metrics(), HEARTBEAT)).isZero();
        }
    }

    @Test
    void theWindowIsAnOption() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (TestServer s = TestServer.start(c -> c.withAlerting(new ServerConfig.Alerting(Duration.ofSeconds(60))),
                clock)) {
            assertThat(post(s, AlertWebhookTest.payload("firing", watchdog("firing"))).statusCode()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(61));
            JsonObject stale = alerting(s);
            assertThat(stale.getString("status")).isEqualTo("degraded");
            assertThat(stale.getJsonObject("details").getInteger("window_seconds")).isEqualTo(60);
        }
    }

    @Test
    void theHeartbeatSurvivesARestartAndAStaleOneIsDegradedAtOnce() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (TestServer first = start(clock)) {
            assertThat(post(first, AlertWebhookTest.payload("firing", watchdog("firing"))).statusCode())
                    .isEqualTo(200);
        }
        clock.advance(Duration.ofSeconds(90));
        try (TestServer fresh = start(clock)) {
            assertThat(TestServer.sample(fresh.metrics(), HEARTBEAT)).isEqualTo(T0.getEpochSecond());
            assertThat(alerting(fresh).getJsonObject("details").getMap()).isEqualTo(Map.of(
                    "heartbeat", T0.toString(), "age_seconds", 90, "window_seconds", 300));
        }
        clock.advance(Duration.ofHours(1));
        try (TestServer stale = start(clock)) {
            // The start-up check, before any /health call, already judged the kept heartbeat.
            assertThat(status(stale, "degraded")).isEqualTo(1);
            assertThat(TestServer.sample(stale.metrics(), HEARTBEAT)).isEqualTo(T0.getEpochSecond());
        }
    }

    @Test
    void aVersion1DatabaseIsUpgradedAndTheWatchdogsItListedAreDropped() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (TestServer first = start(clock)) {
            assertThat(post(first, AlertWebhookTest.payload("firing",
                    AlertWebhookTest.alert("aa01", "HighErrorRate", "firing"))).statusCode()).isEqualTo(200);
        }
        // Back to what a server before heartbeats left: schema 1, and the Watchdog kept as an ordinary alert.
        Path db = home.resolve("state").resolve(StateStore.FILE_NAME);
        ReceivedAlert old = new ReceivedAlert("wd01", AlertStatus.FIRING, "spacetime-default",
                Map.of("alertname", Heartbeats.WATCHDOG_ALERT), Map.of(), T0, Optional.empty(), "", T0);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            s.execute("DROP TABLE alert_heartbeat");
            s.execute("INSERT INTO alerts (fingerprint, seq, alert) VALUES ('wd01', 99, '"
                    + old.toJson().encode() + "')");
            s.execute("PRAGMA user_version = 1");
        }
        try (TestServer upgraded = start(clock)) {
            assertThat(listed(upgraded).getJsonArray("alerts").getList()).hasSize(1);
            assertThat(listed(upgraded).getJsonArray("alerts").getJsonObject(0).getString("alertname"))
                    .isEqualTo("HighErrorRate");
            assertThat(alerting(upgraded).getJsonObject("details").getString("heartbeat")).isEqualTo("never");
            assertThat(post(upgraded, AlertWebhookTest.payload("firing", watchdog("firing"))).statusCode())
                    .isEqualTo(200);
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            try (var rs = s.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            try (var rs = s.executeQuery("SELECT COUNT(*) FROM alerts WHERE fingerprint = 'wd01'")) {
                assertThat(rs.getInt(1)).as("dropped from the table too").isZero();
            }
            try (var rs = s.executeQuery("SELECT received_at FROM alert_heartbeat")) {
                assertThat(rs.getLong(1)).isEqualTo(T0.toEpochMilli());
            }
        }
    }
}
