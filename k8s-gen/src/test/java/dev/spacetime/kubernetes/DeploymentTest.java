package dev.spacetime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.server.ApiServer;
import dev.spacetime.server.config.ConfigLoader;
import dev.spacetime.stack.ApiImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentTest {

    private final KubernetesManifests manifests = Generated.manifests();
    private final Deployment deployment = manifests.deployment();
    private final Deployment.Container container = deployment.container();

    /**
     * The container's environment, with each mount moved under {@code dir} and the Secret's config file written
     * as the README says to create it, starts the real server (on loopback, a free port): the probes' and the
     * ServiceMonitor's paths answer 200, the tokens land on the mounted volumes.
     */
    @Test
    void theContainerEnvironmentStartsAServerWhoseProbeAndMetricsRoutesAnswer(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>();
        container.env().forEach((name, value) -> env.put(name, underMounts(dir, value)));
        env.put("SPACETIME_HOST", "127.0.0.1");
        env.put("SPACETIME_PORT", "0");
        Path config = Path.of(env.get("SPACETIME_CONFIG"));
        Files.createDirectories(config.getParent());
        Files.writeString(config, "auth: {secret: " + "ab".repeat(32) + "}\n");

        try (ApiServer server = ApiServer.start(ConfigLoader.load(new String[0], env))) {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of(container.liveness().path(), container.readiness().path(),
                    manifests.serviceMonitor().path())) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isEqualTo(200);
            }
        }
        assertThat(Path.of(env.get("SPACETIME_ALERT_WEBHOOK_TOKEN_FILE"))).as("webhook token for the Secret")
                .isRegularFile();
        assertThat(Path.of(env.get("SPACETIME_STATE_DIR"))).isDirectory();
    }

    /** Every file the server writes is on a writable volume: the root filesystem is read-only. */
    @Test
    void theServersFilesAreOnWritableVolumes() {
        List<Deployment.Mount> writable = container.mounts().stream().filter(m -> !m.readOnly()).toList();
        for (String var : List.of("SPACETIME_TOKEN_FILE", "SPACETIME_STATE_DIR",
                "SPACETIME_ALERT_WEBHOOK_TOKEN_FILE")) {
            assertThat(writable).as(var).anyMatch(m -> container.env().get(var).startsWith(m.mountPath() + "/"));
        }
        assertThat(writable).as("JVM and demo project scratch").anyMatch(m -> m.mountPath().equals("/tmp"));
        Deployment.Mount state = container.mounts().stream()
                .filter(m -> container.env().get("SPACETIME_STATE_DIR").startsWith(m.mountPath() + "/"))
                .findFirst().orElseThrow();
        assertThat(deployment.volumes()).filteredOn(v -> v.name().equals(state.volume()))
                .singleElement().isInstanceOf(Deployment.ClaimVolume.class)
                .extracting(v -> ((Deployment.ClaimVolume) v).claimName())
                .isEqualTo(manifests.stateClaim().metadata().name());
        assertThat(deployment.volumes()).filteredOn(v -> v instanceof Deployment.SecretVolume)
                .singleElement().extracting(v -> ((Deployment.SecretVolume) v).secretName())
                .isEqualTo(KubernetesManifests.API_SECRET);
    }

    @Test
    void securityContextResourcesAndReplicasAsWritten() {
        Map<String, Object> written = Generated.file(deployment.fileName());
        Map<String, Object> spec = Generated.map(written, "spec");
        assertThat(spec.get("replicas")).isEqualTo(KubernetesSettings.defaults().replicas());
        Map<String, Object> c = Generated.map(Generated.list(Generated.map(spec, "template", "spec"),
                "containers").get(0));
        assertThat(Generated.map(c, "securityContext")).containsEntry("runAsNonRoot", true)
                .containsEntry("runAsUser", ApiImage.STANDARD.uid())
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        assertThat(Generated.map(c, "livenessProbe", "httpGet")).containsEntry("path", "/health/live")
                .containsEntry("port", KubernetesManifests.HTTP_PORT);
        assertThat(Generated.map(c, "readinessProbe", "httpGet")).containsEntry("path", "/health/ready")
                .containsEntry("port", KubernetesManifests.HTTP_PORT);
        assertThat(Generated.list(c, "ports")).singleElement()
                .isEqualTo(Map.of("name", "http", "containerPort", ApiImage.STANDARD.port(), "protocol", "TCP"));
        String memory = KubernetesSettings.defaults().memoryMiB() + "Mi";
        assertThat(Generated.map(c, "resources", "limits")).containsEntry("memory", memory);
        assertThat(Generated.map(c, "resources", "requests")).containsEntry("memory", memory);
    }

    /** The image sizes the heap from the limit: 50 % of 1 GiB, the 512 MiB the README's memory alerts assume. */
    @Test
    void theHeapFollowsTheMemoryLimit() {
        assertThat(ApiImage.STANDARD.entrypoint()).contains("-XX:MaxRAMPercentage="
                + ApiImage.STANDARD.maxRamPercentage());
        assertThat(KubernetesSettings.defaults().heapMiB()).isEqualTo(512);
        assertThat(container.env()).noneSatisfy((k, v) -> assertThat(v).contains("-Xmx"));
    }

    @Test
    void moreThanOneReplicaIsRefused() {
        KubernetesSettings d = KubernetesSettings.defaults();
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new KubernetesSettings(d.namespace(), 2, d.image(), d.release(), d.prometheusUrl(), d.memoryMiB(),
                        d.cpuRequest(), d.cpuLimit(), d.stateSize(), d.monitoring()))
                .withMessageContaining("replicas");
    }

    private String underMounts(Path dir, String value) {
        return container.mounts().stream().filter(m -> value.startsWith(m.mountPath() + "/")).findFirst()
                .map(m -> dir + value).orElse(value);
    }
}
