package dev.spacetime.stack;

import static dev.spacetime.stack.LiveHttp.freePort;
import static dev.spacetime.stack.LiveHttp.get;
import static dev.spacetime.stack.LiveHttp.require;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.stack.WebhookReceiver.Delivery;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated routing in Debian's Alertmanager (test-variant timings: 1 s), with the escalation webhook set and the
 * API's webhook broken (it answers 401, as after its token changed): the Watchdog reaches the API on its own receiver
 * again and again, an API alert its severity's receiver, and the pipeline and host alerts reach the API's webhook and,
 * though that one fails, the escalation webhook with its own token; nothing else reaches the escalation webhook.
 * Alertmanager counts the API's failed deliveries, the series AlertmanagerNotificationsFailing watches.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PipelineRoutingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ESCALATION_PATH = "/page";

    @TempDir
    Path tmp;
    private final List<WebhookReceiver> servers = new CopyOnWriteArrayList<>();
    private LiveProcess alertmanager;

    @AfterEach
    void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.close();
        }
        servers.forEach(WebhookReceiver::close);
    }

    @Test
    void pipelineAlertsReachTheEscalationWebhookWhenTheApisWebhookFails() throws Exception {
        Path alertmanagerBin = require(NativeRunnerSettings.STANDARD.alertmanagerBinary(), "prometheus-alertmanager");
        WebhookReceiver api = receiver(Webhook.PATH, 401);
        WebhookReceiver pager = receiver(ESCALATION_PATH, 200);
        List<Delivery> atApi = api.deliveries();
        List<Delivery> atEscalation = pager.deliveries();
        int apiPort = api.port();
        int escalationPort = pager.port();
        Path apiToken = Files.writeString(tmp.resolve("api_token"), "revoked-api-token");
        Path escalationToken = Files.writeString(tmp.resolve("pager_token"), "pager-token");

        Ports ports = new Ports(apiPort, freePort(), freePort(), freePort());
        StackSettings test = StackSettings.testVariant(ports, apiToken.toString(), PromDuration.ofSeconds(1));
        Escalation escalation = Escalation.at("http://" + StackSettings.loopback(escalationPort) + ESCALATION_PATH)
                .withCredentialsFile(escalationToken.toString());
        Path config = tmp.resolve("config");
        StackGenerator.generate(new StackSettings(test.prometheus(), test.alertmanager().withEscalation(escalation)),
                config);
        String url = "http://" + StackSettings.loopback(ports.alertmanager());
        alertmanager = LiveProcess.start("alertmanager", tmp, List.of(alertmanagerBin.toString(),
                "--config.file=" + config.resolve(StackGenerator.ALERTMANAGER_YML),
                "--storage.path=" + tmp.resolve("alertmanager-data"),
                "--web.listen-address=" + StackSettings.loopback(ports.alertmanager()), "--cluster.listen-address="));
        await("Alertmanager ready", () -> get(url + "/-/ready", null).statusCode() == 200);

        post(url, """
                [{"labels": {"alertname": "Watchdog", "severity": "none", "component": "monitoring",
                             "job": "prometheus"}},
                 {"labels": {"alertname": "AlertmanagerNotificationsFailing", "severity": "critical",
                             "component": "monitoring", "job": "alertmanager", "instance": "127.0.0.1:9093",
                             "integration": "webhook"}},
                 {"labels": {"alertname": "NodeExporterDown", "severity": "critical", "component": "host",
                             "job": "node", "instance": "127.0.0.1:9100"}},
                 {"labels": {"alertname": "HTTPAPIDown", "severity": "critical", "component": "availability",
                             "job": "spacetime_api", "instance": "127.0.0.1:8080"}}]""");

        String pipeline = Receiver.PIPELINE.receiverName();
        for (String name : List.of("AlertmanagerNotificationsFailing", "NodeExporterDown")) {
            Delivery paged = await(name + " at the escalation webhook", () -> pager.find(name));
            assertThat(paged).extracting(Delivery::receiver, Delivery::alertnames, Delivery::authorization)
                    .containsExactly(pipeline, List.of(name), "Bearer pager-token");
            Delivery refused = await(name + " tried at the API's webhook", () -> api.find(name));
            assertThat(refused).extracting(Delivery::receiver, Delivery::alertnames, Delivery::authorization)
                    .containsExactly(pipeline, List.of(name), "Bearer revoked-api-token");
        }
        Delivery apiDown = await("HTTPAPIDown at the API's webhook", () -> api.find("HTTPAPIDown"));
        assertThat(apiDown.receiver()).isEqualTo(Receiver.CRITICAL.receiverName());
        // The heartbeat keeps coming (every second here, the route's repeat interval), on its own receiver.
        await("the Watchdog delivered three times", () -> atApi.stream()
                .filter(d -> d.alertnames().equals(List.of("Watchdog"))).count() >= 3);
        assertThat(atApi).filteredOn(d -> d.alertnames().contains("Watchdog"))
                .allSatisfy(d -> assertThat(d.receiver()).isEqualTo(Receiver.WATCHDOG.receiverName()));
        assertThat(atEscalation).allSatisfy(d -> assertThat(d.receiver()).isEqualTo(pipeline));
        assertThat(atEscalation).flatExtracting(Delivery::alertnames)
                .containsOnly("AlertmanagerNotificationsFailing", "NodeExporterDown");

        String failed = Metrics.ALERTMANAGER_NOTIFICATIONS_FAILED.name() + "{" + Labels.INTEGRATION + "=\"webhook\"}";
        double failures = get(url + "/metrics", null).body().lines().filter(l -> l.startsWith(failed + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(failed.length() + 1).trim())).sum();
        assertThat(failures).as("the API's refusals, counted by Alertmanager").isGreaterThanOrEqualTo(5);
    }

    private WebhookReceiver receiver(String path, int status) throws Exception {
        WebhookReceiver receiver = WebhookReceiver.start(path, status);
        servers.add(receiver);
        return receiver;
    }

    private static void post(String alertmanager, String alerts) throws Exception {
        HttpResponse<String> posted = LiveHttp.HTTP.send(HttpRequest.newBuilder(URI.create(alertmanager + "/api/v2/alerts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alerts))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    }

    private <T> T await(String what, LiveHttp.Probe<?> probe) throws Exception {
        return LiveHttp.await(WAIT, what, alertmanager::isAlive, alertmanager::log, probe);
    }
}
