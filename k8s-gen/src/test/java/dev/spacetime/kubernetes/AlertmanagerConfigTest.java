package dev.spacetime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.settings.Heartbeat;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.stack.ApiHeartbeat;
import dev.spacetime.stack.Receiver;
import dev.spacetime.stack.Webhook;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertmanagerConfigTest {

    private final KubernetesManifests manifests = Generated.manifests();
    private final Map<String, Object> spec = Generated.map(
            Generated.file(manifests.alertmanagerConfig().fileName()), "spec");

    @Test
    void everyReceiverPostsToTheWebhookThroughTheServiceWithTheTokenFromTheSecret() {
        Service service = manifests.service();
        String url = "http://" + service.metadata().name() + "." + KubernetesSettings.defaults().namespace()
                + ".svc:" + service.port().port() + Webhook.PATH;
        List<Object> receivers = Generated.list(spec, "receivers");

        assertThat(receivers).extracting(r -> Generated.map(r).get("name"))
                .containsExactlyElementsOf(Arrays.stream(Receiver.values()).map(Receiver::receiverName).toList());
        for (Object receiver : receivers) {
            Map<String, Object> webhook = Generated.map(Generated.list(receiver, "webhookConfigs").get(0));
            assertThat(webhook).containsEntry("url", url).containsEntry("sendResolved", true);
            assertThat(Generated.map(webhook, "httpConfig", "authorization")).containsEntry("type", "Bearer")
                    .containsEntry("credentials", Map.of("name", KubernetesManifests.WEBHOOK_SECRET,
                            "key", KubernetesManifests.WEBHOOK_TOKEN_KEY));
        }
    }

    /**
     * The routing tree is stack-gen's, as alertmanager.yml: the Watchdog first (its own group interval, the
     * heartbeat's), security, the pipeline and host components, then one route per severity.
     */
    @Test
    void routesAsAlertmanagerYml() {
        Map<String, Object> composeRoute = Generated.map(Generated.load(
                Generated.MONITORING.resolve("alertmanager/alertmanager.yml")), "route");
        Map<String, Object> route = Generated.map(spec, "route");

        assertThat(route.get("receiver")).isEqualTo(composeRoute.get("receiver"));
        assertThat(route.get("groupBy")).isEqualTo(composeRoute.get("group_by"));
        List<Object> children = Generated.list(route, "routes");
        List<Object> composeChildren = Generated.list(composeRoute, "routes");
        assertThat(children).hasSameSizeAs(composeChildren);
        for (int i = 0; i < children.size(); i++) {
            Map<String, Object> child = Generated.map(children.get(i));
            Map<String, Object> m = Generated.map(Generated.list(child, "matchers").get(0));
            assertThat(child.get("receiver")).isEqualTo(Generated.map(composeChildren.get(i)).get("receiver"));
            assertThat(child.get("groupInterval")).isEqualTo(Generated.map(composeChildren.get(i)).get("group_interval"));
            assertThat(child.get("repeatInterval")).isEqualTo(Generated.map(composeChildren.get(i)).get("repeat_interval"));
            assertThat(Generated.list(composeChildren.get(i), "matchers"))
                    .containsExactly(m.get("name") + m.get("matchType").toString() + "\"" + m.get("value") + "\"");
        }
    }

    /** Another heartbeat in the settings paces the Watchdog's route and sets the API's window alike. */
    @Test
    void theHeartbeatPacesTheWatchdogRouteAndTheApisWindow() {
        KubernetesSettings d = KubernetesSettings.defaults();
        Heartbeat heartbeat = new Heartbeat(PromDuration.ofSeconds(30), PromDuration.ofMinutes(2));
        KubernetesManifests paced = new KubernetesManifests(new KubernetesSettings(d.namespace(), d.replicas(),
                d.image(), d.release(), d.prometheusUrl(), d.memoryMiB(), d.cpuRequest(), d.cpuLimit(),
                d.stateSize(), d.monitoring().withHeartbeat(heartbeat)), List.of(), Map.of());
        AlertmanagerConfig.Route watchdog = paced.alertmanagerConfig().route().routes().get(0);
        assertThat(watchdog.receiver()).isEqualTo(Receiver.WATCHDOG.receiverName());
        assertThat(watchdog.matchers()).containsExactly(new AlertmanagerConfig.Matcher("alertname", "Watchdog"));
        assertThat(List.of(watchdog.groupInterval(), watchdog.repeatInterval())).containsOnly("30s");
        assertThat(paced.deployment().container().env()).containsEntry(ApiHeartbeat.WINDOW_ENV, "120");
        assertThat(manifests.deployment().container().env()).containsEntry(ApiHeartbeat.WINDOW_ENV, "300");
    }
}
