package dev.spacetime.stack;

import static dev.spacetime.stack.LiveHttp.alertmanagerAlert;
import static dev.spacetime.stack.LiveHttp.first;
import static dev.spacetime.stack.LiveHttp.fetch;
import static dev.spacetime.stack.LiveHttp.freePort;
import static dev.spacetime.stack.LiveHttp.get;
import static dev.spacetime.stack.LiveHttp.maps;
import static dev.spacetime.stack.LiveHttp.parse;
import static dev.spacetime.stack.LiveHttp.prometheusAlert;
import static dev.spacetime.stack.LiveHttp.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.Labels;
import dev.spacetime.settings.ForDurations;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole alert path with real parts on loopback: the api-server jar, Debian Prometheus and Alertmanager running
 * the generated test-variant configs (1 s scrape, evaluation and grouping) and alert-rules-gen's rules with every
 * {@code for} shortened to {@link #FOR} (same expressions).
 *
 * <ol>
 *   <li>A burst of bad tokens: CriticalAuthFailureRate fires in Prometheus, reaches Alertmanager, is routed to the
 *       security receiver and arrives at the API's webhook; HighAuthFailureRate (same job and component) is
 *       inhibited.</li>
 *   <li>Every alerting and recording rule evaluates without error against the live data.</li>
 *   <li>A fault that can be removed: idle connections above the configured threshold degrade the server's health,
 *       ServiceDegraded fires and is delivered; closing them resolves it and the resolved notification arrives.</li>
 *   <li>The API server stops: HTTPAPIDown fires and reaches Alertmanager (nobody is left to take the webhook).</li>
 * </ol>
 * Every wait is bounded; all processes are stopped whatever happens.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AlertPipelineIT {

    private static final PromDuration INTERVAL = PromDuration.ofSeconds(1);
    private static final Duration FOR = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Idle connections beyond which the server reports itself degraded (set in its config file). */
    private static final int CONNECTIONS_DEGRADED = 40;

    /** The server's config: generous limits but for idle connections, and a long request head timeout. */
    private static final String API_CONFIG = """
            health:
              memoryDegradedMb: 16384
              memoryUnhealthyMb: 32768
              connectionsDegraded: %d
              connectionsUnhealthy: 100000
              refreshMs: 500
            rateLimit:
              perMinute:
                default: 100000
            connections:
              headTimeoutMs: 600000
            """.formatted(CONNECTIONS_DEGRADED);

    @TempDir
    Path tmp;
    private LiveStack stack;
    private final List<Socket> idle = new ArrayList<>();

    @BeforeEach
    void stack() {
        stack = new LiveStack(tmp);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Socket s : idle) {
            s.close();
        }
        stack.close();
    }

    @Test
    void faultsFireRouteReachTheWebhookAndResolve() throws Exception {
        Path webhookToken = tmp.resolve("secrets/alert_webhook_token");
        LiveStack.Api live = stack.api(webhookToken, API_CONFIG, WAIT);
        LiveProcess api = live.process();
        String apiUrl = live.url();
        int apiPort = live.port();
        String admin = live.admin();
        String reader = live.issueToken("reader");

        Ports ports = new Ports(apiPort, freePort(), freePort(), freePort());
        Path config = tmp.resolve("config");
        StackGenerator.generate(StackSettings.testVariant(ports, webhookToken.toString(), INTERVAL), config);
        Rules.write(config, Settings.defaults().withForDurations(ForDurations.all(FOR)));
        String alertmanager = "http://127.0.0.1:" + ports.alertmanager();
        String prometheus = "http://127.0.0.1:" + ports.prometheus();
        LiveProcess am = stack.alertmanager("alertmanager", config, ports.alertmanager());
        LiveProcess prom = stack.prometheus(config, ports.prometheus());
        await(am, "Alertmanager ready", () -> get(alertmanager + "/-/ready", null).statusCode() == 200);
        await(prom, "Prometheus ready", () -> get(prometheus + "/-/ready", null).statusCode() == 200);
        await(prom, "the API scraped", () -> !query(prometheus, "up{job=\"spacetime_api\"} == 1", null).isEmpty());
        // The stack scrapes its Alertmanager too; no node exporter runs here (NodeExporterDown may fire, and every
        // step below looks up only the alert it is about, by name).
        String alertmanagerJob = Settings.defaults().stackJobs().alertmanager();
        await(prom, "Alertmanager scraped",
                () -> !query(prometheus, "up{job=\"" + alertmanagerJob + "\"} == 1", null).isEmpty());

        // Ordinary traffic, then the fault: bad tokens far above the critical threshold.
        for (int i = 0; i < 20; i++) {
            assertThat(get(apiUrl + "/auth/status", admin).statusCode()).isEqualTo(200);
            assertThat(get(apiUrl + "/health", null).statusCode()).isIn(200, 503);
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(get(apiUrl + "/auth/status", "not-a-token-" + i).statusCode()).isEqualTo(401);
        }
        await(prom, "CriticalAuthFailureRate firing in Prometheus",
                () -> prometheusAlert(prometheus, "CriticalAuthFailureRate", "firing").isPresent());
        Map<String, Object> inAlertmanager = await(am, "CriticalAuthFailureRate in Alertmanager",
                () -> alertmanagerAlert(alertmanager, "CriticalAuthFailureRate"));
        assertThat(receiverNames(inAlertmanager)).containsExactly(Receiver.SECURITY.receiverName());
        Map<String, Object> delivered = await(api, "CriticalAuthFailureRate at the webhook",
                () -> webhookAlert(apiUrl, reader, "CriticalAuthFailureRate", "firing"));
        assertThat(delivered).containsEntry("receiver", Receiver.SECURITY.receiverName());
        assertThat(Yaml.map(delivered, "labels")).containsEntry("component", "auth")
                .containsEntry(Labels.JOB, "spacetime_api").containsEntry("severity", "critical");
        await(am, "HighAuthFailureRate inhibited by the critical", () -> alertmanagerAlert(alertmanager,
                "HighAuthFailureRate").filter(a -> "suppressed".equals(Yaml.map(a, "status").get("state"))));
        assertThat(live.sample("alert_webhook_alerts_total{status=\"firing\"}")).isGreaterThanOrEqualTo(1);

        everyRuleEvaluatesWithoutError(prom, prometheus);

        // A removable fault: idle connections beyond the threshold degrade health until they close (the config's
        // long request head timeout keeps the server from closing them first).
        for (int i = 0; i <= CONNECTIONS_DEGRADED; i++) {
            idle.add(new Socket("127.0.0.1", apiPort));
        }
        Map<String, Object> degraded = await(api, "ServiceDegraded firing at the webhook",
                () -> webhookAlert(apiUrl, reader, "ServiceDegraded", "firing"));
        assertThat(degraded).containsEntry("receiver", Receiver.WARNING.receiverName());
        for (Socket s : idle) {
            s.close();
        }
        idle.clear();
        await(api, "ServiceDegraded resolved at the webhook",
                () -> webhookAlert(apiUrl, reader, "ServiceDegraded", "resolved"));
        assertThat(live.sample("alert_webhook_alerts_total{status=\"resolved\"}")).isGreaterThanOrEqualTo(1);

        // The API goes away: nothing scrapes it any more.
        assertThat(api.stop()).as(api.log()).isZero();
        await(prom, "HTTPAPIDown firing in Prometheus",
                () -> prometheusAlert(prometheus, "HTTPAPIDown", "firing").isPresent());
        Map<String, Object> down = await(am, "HTTPAPIDown in Alertmanager",
                () -> alertmanagerAlert(alertmanager, "HTTPAPIDown"));
        assertThat(receiverNames(down)).containsExactly(Receiver.CRITICAL.receiverName());
    }

    /** After a few evaluations, every rule of both files reports health "ok" and no error. */
    private void everyRuleEvaluatesWithoutError(LiveProcess prom, String prometheus) throws Exception {
        List<Map<String, Object>> rules = await(prom, "every rule evaluated", () -> {
            List<Map<String, Object>> all = new ArrayList<>();
            for (Object group : Yaml.list(Yaml.map(fetch(prometheus + "/api/v1/rules"), "data"), "groups")) {
                all.addAll(maps(Yaml.list(group, "rules")));
            }
            boolean evaluated = !all.isEmpty() && all.stream()
                    .allMatch(r -> !String.valueOf(r.get("lastEvaluation")).startsWith("0001-"));
            return evaluated ? Optional.of(all) : Optional.empty();
        });
        assertThat(rules).extracting(r -> r.get("type")).contains("alerting", "recording");
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.get("health")).as("%s: %s", r.get("name"), r.get("lastError")).isEqualTo("ok");
            assertThat(String.valueOf(Optional.ofNullable(r.get("lastError")).orElse(""))).as(r.get("name").toString())
                    .isEmpty();
        });
    }

    private static Optional<Map<String, Object>> webhookAlert(String api, String reader, String name, String status)
            throws Exception {
        HttpResponse<String> listed = get(api + "/alerts?alertname=" + name + "&status=" + status, reader);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        return first(Yaml.list(parse(listed.body()), "alerts"), a -> true);
    }

    private static List<Object> receiverNames(Map<String, Object> alertmanagerAlert) {
        return Yaml.list(alertmanagerAlert, "receivers").stream().map(r -> (Object) ((Map<?, ?>) r).get("name")).toList();
    }

    /** Polls until the probe answers; fails naming the step and with the log of {@code watched}. */
    private static <T> T await(LiveProcess watched, String what, LiveHttp.Probe<?> probe) throws Exception {
        return LiveHttp.await(WAIT, what, watched::isAlive, watched::log, probe);
    }
}
