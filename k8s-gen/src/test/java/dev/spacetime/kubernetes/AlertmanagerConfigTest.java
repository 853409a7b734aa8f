package dev.spacetime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** The routing tree is stack-gen's: security first, then one route per severity, as alertmanager.yml. */
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
            assertThat(Generated.list(composeChildren.get(i), "matchers"))
                    .containsExactly(m.get("name") + m.get("matchType").toString() + "\"" + m.get("value") + "\"");
        }
    }
}
