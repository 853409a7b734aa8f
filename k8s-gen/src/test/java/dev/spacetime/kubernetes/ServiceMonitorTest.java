package dev.spacetime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.settings.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceMonitorTest {

    private final KubernetesManifests manifests = Generated.manifests();

    @Test
    void selectsTheServiceWhichSelectsThePods() {
        Map<String, Object> service = Generated.file(manifests.service().fileName());
        Map<String, Object> monitor = Generated.file(manifests.serviceMonitor().fileName());
        Map<String, Object> deployment = Generated.file(manifests.deployment().fileName());

        Map<String, Object> serviceLabels = Generated.map(service, "metadata", "labels");
        assertThat(serviceLabels).containsAllEntriesOf(Generated.map(monitor, "spec", "selector", "matchLabels"));
        assertThat(Generated.map(deployment, "spec", "template", "metadata", "labels"))
                .containsAllEntriesOf(Generated.map(service, "spec", "selector"));
        assertThat(Generated.map(deployment, "spec", "selector", "matchLabels"))
                .isEqualTo(Generated.map(service, "spec", "selector"));
        assertThat(serviceLabels).containsKeys("app.kubernetes.io/name", "app.kubernetes.io/instance",
                "app.kubernetes.io/component", "app.kubernetes.io/part-of");
    }

    @Test
    void scrapesTheServicesHttpPortWhichIsTheContainers() {
        Map<String, Object> service = Generated.file(manifests.service().fileName());
        Map<String, Object> port = Generated.map(Generated.list(Generated.map(service, "spec"), "ports").get(0));
        Map<String, Object> endpoint = Generated.map(Generated.list(Generated.map(
                Generated.file(manifests.serviceMonitor().fileName()), "spec"), "endpoints").get(0));

        assertThat(port).containsEntry("name", "http").containsEntry("targetPort", "http")
                .containsEntry("port", manifests.deployment().container().port().port());
        assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/metrics")
                .containsEntry("interval", Settings.defaults().intervals().scrape().toString());
    }

    /**
     * Prometheus sets {@code job} to the value of the Service label {@code jobLabel} names (to the Service's name
     * without one): it must be the job every rule and panel selects.
     */
    @Test
    void theJobPrometheusAssignsIsTheSettingsJob() {
        Map<String, Object> monitor = Generated.file(manifests.serviceMonitor().fileName());
        Map<String, Object> service = Generated.file(manifests.service().fileName());
        String jobLabel = (String) Generated.map(monitor, "spec").get("jobLabel");
        Object job = jobLabel == null ? Generated.map(service, "metadata").get("name")
                : Generated.map(service, "metadata", "labels").get(jobLabel);

        assertThat(job).isEqualTo(Settings.defaults().scope().job());
        assertThat(Generated.load(Generated.MONITORING.resolve("prometheus/prometheus_alerts.yml")).toString())
                .contains("job=\"" + job + "\"");
    }
}
