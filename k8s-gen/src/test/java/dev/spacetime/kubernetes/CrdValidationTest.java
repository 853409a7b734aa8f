package dev.spacetime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CrdValidationTest {

    @Test
    void everyGeneratedCustomResourceMatchesItsCrd() throws IOException {
        List<Map<String, Object>> custom;
        try (Stream<Path> files = Files.list(Generated.KUBERNETES)) {
            custom = files.sorted().map(Generated::load)
                    .filter(r -> r.get("apiVersion").toString().startsWith("monitoring.coreos.com/")).toList();
        }
        assertThat(custom).extracting(r -> r.get("kind"))
                .containsExactlyInAnyOrder("AlertmanagerConfig", "PrometheusRule", "ServiceMonitor");
        for (Map<String, Object> resource : custom) {
            assertThat(CrdSchemas.covers(resource)).as("CRD for %s", resource.get("kind")).isTrue();
            assertThat(CrdSchemas.validate(resource)).as("%s", resource.get("kind")).isEmpty();
        }
    }

    @Test
    void aMisspeltFieldFailsWithItsPath() {
        Map<String, Object> monitor = Generated.manifests().serviceMonitor().toYaml();
        Generated.map(Generated.list(Generated.map(monitor, "spec"), "endpoints").get(0)).put("intervall", "15s");

        assertThat(CrdSchemas.validate(monitor)).singleElement().asString()
                .startsWith("$.spec.endpoints[0]").contains("intervall");
    }

    @Test
    void aWrongTypeFailsWithItsPath() {
        Map<String, Object> config = Generated.manifests().alertmanagerConfig().toYaml();
        Map<String, Object> webhook = Generated.map(Generated.list(Generated.map(
                Generated.list(Generated.map(config, "spec"), "receivers").get(0)), "webhookConfigs").get(0));
        webhook.put("sendResolved", "yes");

        assertThat(CrdSchemas.validate(config)).singleElement().asString()
                .startsWith("$.spec.receivers[0].webhookConfigs[0].sendResolved");
    }

    @Test
    void theTokenAsAPlainStringIsRefused() {
        Map<String, Object> config = Generated.manifests().alertmanagerConfig().toYaml();
        Map<String, Object> authorization = Generated.map(Generated.list(Generated.map(
                Generated.list(Generated.map(config, "spec"), "receivers").get(0)), "webhookConfigs").get(0),
                "httpConfig", "authorization");
        authorization.put("credentials", "secret-token-in-plain-text");

        assertThat(CrdSchemas.validate(config)).isNotEmpty()
                .allMatch(m -> m.startsWith("$.spec.receivers[0].webhookConfigs[0].httpConfig.authorization.credentials"));
    }
}
