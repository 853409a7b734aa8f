package dev.spacetime.stack;

import static dev.spacetime.stack.LiveHttp.freePort;
import static dev.spacetime.stack.LiveHttp.get;
import static dev.spacetime.stack.LiveHttp.parse;
import static dev.spacetime.stack.LiveHttp.prometheusAlert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.HealthState;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.settings.ForDurations;
import dev.spacetime.settings.Heartbeat;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;
import dev.spacetime.stack.WebhookReceiver.Delivery;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack watching itself, with real parts on loopback: the api-server jar, Debian Prometheus and Alertmanager
 * running the generated test-variant configs (1 s intervals) with the Watchdog's route at {@link #HEARTBEAT}'s pace
 * and the pipeline receiver's escalation webhook pointing at a receiver this test stands up, and alert-rules-gen's
 * rules with every {@code for} shortened to {@link #FOR}. The API judges the heartbeat with the same (short) window.
 *
 * <ol>
 *   <li>Before any heartbeat the API's {@code alerting} subsystem is healthy, heartbeat "never"; once Alertmanager
 *       delivers the Watchdog it is healthy with the heartbeat's time, and the heartbeat gauge is set.</li>
 *   <li>Alertmanager stops: {@code alerting}, and with it the whole /health, turns degraded within the window;
 *       the server stays ready.</li>
 *   <li>Alertmanager starts again: the heartbeat comes back. Then the webhook token Alertmanager holds (a copy, as
 *       a deployment that does not refresh it would) is revoked through the API: every delivery to the API's webhook
 *       is refused, AlertmanagerNotificationsFailing fires and still reaches the escalation webhook, and
 *       {@code alerting} turns degraded again.</li>
 * </ol>
 * Other pipeline and host alerts may fire here (no node exporter runs); each step looks only at the alert it is
 * about. Every wait is bounded; all processes are stopped whatever happens.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SelfMonitoringIT {

    private static final PromDuration INTERVAL = PromDuration.ofSeconds(1);
    private static final Duration FOR = Duration.ofSeconds(2);
    /** Watchdog every second; degraded after four without one (the least a window may be is three intervals). */
    private static final Heartbeat HEARTBEAT = new Heartbeat(PromDuration.ofSeconds(1), PromDuration.ofSeconds(4));
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How soon after the last heartbeat {@code alerting} must read degraded: the window and a refresh's slack. */
    private static final Duration DEGRADED_WITHIN = HEARTBEAT.windowDuration().plusSeconds(3);
    private static final String ESCALATION_PATH = "/page";
    /** Generous limits, so that only the alerting subsystem can degrade the server. */
    private static final String API_CONFIG = """
            health:
              memoryDegradedMb: 16384
              memoryUnhealthyMb: 32768
              refreshMs: 500
            rateLimit:
              perMinute:
                default: 100000
            """;

    @TempDir
    Path tmp;
    private LiveStack stack;
    private WebhookReceiver escalation;

    @BeforeEach
    void stack() {
        stack = new LiveStack(tmp);
    }

    @AfterEach
    void stopEverything() throws Exception {
        stack.close();
        if (escalation != null) {
            escalation.close();
        }
    }

    @Test
    void theHeartbeatTellsTheApiWhetherAlertsCanReachAnyone() throws Exception {
        escalation = WebhookReceiver.start(ESCALATION_PATH, 200);
        Path apiToken = tmp.resolve("secrets/alert_webhook_token");
        LiveStack.Api api = stack.api(apiToken, API_CONFIG, WAIT,
                "--alerting-heartbeat-window-seconds", ApiHeartbeat.windowSeconds(HEARTBEAT));
        Map<String, Object> before = alerting(api);
        assertThat(before.get("status")).as("%s", before).isEqualTo(HealthState.HEALTHY.label());
        assertThat(Yaml.map(before, "details")).containsEntry("heartbeat", "never");
        assertThat(api.sample(Metrics.ALERT_HEARTBEAT.name())).isZero();

        // Alertmanager holds its own copy of the webhook token, which the API cannot refresh once revoked.
        await(api.process(), "the API's webhook token file", () -> Files.isRegularFile(apiToken));
        Path heldToken = Files.copy(apiToken, tmp.resolve("secrets/alertmanager_webhook_token"));
        Ports ports = new Ports(api.port(), freePort(), freePort(), freePort());
        StackSettings test = StackSettings.testVariant(ports, heldToken.toString(), INTERVAL);
        Escalation out = Escalation.at("http://" + StackSettings.loopback(escalation.port()) + ESCALATION_PATH);
        Path config = tmp.resolve("config");
        StackGenerator.generate(new StackSettings(test.prometheus(),
                test.alertmanager().withHeartbeat(HEARTBEAT).withEscalation(out)), config);
        Rules.write(config, Settings.defaults().withHeartbeat(HEARTBEAT).withForDurations(ForDurations.all(FOR)));
        String alertmanager = "http://" + StackSettings.loopback(ports.alertmanager());
        String prometheus = "http://" + StackSettings.loopback(ports.prometheus());
        LiveProcess am = stack.alertmanager("alertmanager", config, ports.alertmanager());
        // Prometheus re-sends a firing alert once a minute by default: an Alertmanager that restarted would wait
        // that long for the Watchdog. Every second here, like the other intervals.
        LiveProcess prom = stack.prometheus(config, ports.prometheus(), "--rules.alert.resend-delay=1s");
        await(am, "Alertmanager ready", () -> get(alertmanager + "/-/ready", null).statusCode() == 200);
        await(prom, "Prometheus ready", () -> get(prometheus + "/-/ready", null).statusCode() == 200);

        // 1. The Watchdog's delivery is a heartbeat.
        Map<String, Object> beating = await(am, "the first heartbeat at the API", () -> heartbeat(api));
        assertThat(beating.get("status")).as("%s", beating).isEqualTo(HealthState.HEALTHY.label());
        Instant first = Instant.parse((String) Yaml.map(beating, "details").get("heartbeat"));
        assertThat(api.sample(Metrics.ALERT_HEARTBEAT.name())).isGreaterThanOrEqualTo(first.getEpochSecond());
        assertThat(health(api).get("status")).isEqualTo(HealthState.HEALTHY.label());

        // 2. Alertmanager goes away: no heartbeat, alerting degraded within the window; the server still serves.
        assertThat(am.stop()).as(am.log()).isZero();
        Map<String, Object> silent = awaitWithin(DEGRADED_WITHIN, api.process(),
                "alerting degraded after Alertmanager stopped", () -> alertingIn(api, HealthState.DEGRADED));
        assertThat(Yaml.map(silent, "details").get("heartbeat")).isNotEqualTo("never");
        assertThat(health(api).get("status")).isEqualTo(HealthState.DEGRADED.label());
        assertThat(get(api.url() + "/health/ready", null).statusCode()).isEqualTo(200);

        // 3. It comes back (same port, config and data): so does the heartbeat.
        Instant stopped = Instant.now();
        LiveProcess again = stack.alertmanager("alertmanager-restarted", config, ports.alertmanager());
        await(again, "Alertmanager ready again", () -> get(alertmanager + "/-/ready", null).statusCode() == 200);
        await(again, "a heartbeat after the restart", () -> heartbeat(api).filter(a -> Instant.parse(
                (String) Yaml.map(a, "details").get("heartbeat")).isAfter(stopped)));
        assertThat(alerting(api).get("status")).isEqualTo(HealthState.HEALTHY.label());
        assertThat(escalation.find("AlertmanagerNotificationsFailing")).as("paged before anything failed").isEmpty();

        // Its webhook token is revoked; the API re-issues its own file, Alertmanager keeps the revoked one.
        String held = Files.readString(heldToken).trim();
        HttpResponse<String> revoked = api.post("/auth/revoke", "{\"token\":\"" + held + "\"}", api.admin());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(parse(revoked.body())).containsEntry("revoked", 1);
        await(api.process(), "the API's webhook token re-issued",
                () -> !Files.readString(apiToken).trim().equals(held));

        await(prom, "AlertmanagerNotificationsFailing firing in Prometheus",
                () -> prometheusAlert(prometheus, "AlertmanagerNotificationsFailing", "firing").isPresent());
        Delivery paged = await(again, "AlertmanagerNotificationsFailing at the escalation webhook",
                () -> escalation.find("AlertmanagerNotificationsFailing"));
        assertThat(paged.receiver()).isEqualTo(Receiver.PIPELINE.receiverName());
        Map<String, Object> failing = paged.alert("AlertmanagerNotificationsFailing").orElseThrow();
        assertThat(failing).containsEntry("status", "firing");
        assertThat(Yaml.map(failing, "labels")).containsEntry(Labels.ALERTNAME, "AlertmanagerNotificationsFailing")
                .containsEntry(Labels.INTEGRATION, "webhook")
                .containsEntry(Labels.INSTANCE, StackSettings.loopback(ports.alertmanager()));
        awaitWithin(DEGRADED_WITHIN.plus(WAIT), api.process(), "alerting degraded once deliveries are refused",
                () -> alertingIn(api, HealthState.DEGRADED));
    }

    private static Map<String, Object> health(LiveStack.Api api) throws Exception {
        HttpResponse<String> health = get(api.url() + "/health", null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        return parse(health.body());
    }

    /** The {@code alerting} subsystem of /health. */
    private static Map<String, Object> alerting(LiveStack.Api api) throws Exception {
        return Yaml.map(Yaml.map(health(api), "subsystems"), "alerting");
    }

    private static Optional<Map<String, Object>> alertingIn(LiveStack.Api api, HealthState state) throws Exception {
        return Optional.of(alerting(api)).filter(a -> state.label().equals(a.get("status")));
    }

    /** {@code alerting} once a heartbeat has arrived. */
    private static Optional<Map<String, Object>> heartbeat(LiveStack.Api api) throws Exception {
        return Optional.of(alerting(api)).filter(a -> !"never".equals(Yaml.map(a, "details").get("heartbeat")));
    }

    private static <T> T await(LiveProcess watched, String what, LiveHttp.Probe<?> probe) throws Exception {
        return awaitWithin(WAIT, watched, what, probe);
    }

    /** Polls until the probe answers; fails naming the step and with the log of {@code watched}. */
    private static <T> T awaitWithin(Duration wait, LiveProcess watched, String what, LiveHttp.Probe<?> probe)
            throws Exception {
        return LiveHttp.await(wait, what, watched::isAlive, watched::log, probe);
    }
}
