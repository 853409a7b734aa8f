package dev.spacetime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class KustomizationTest {

    @Test
    void listsEveryOtherFileAndSetsTheNamespace() throws IOException {
        Map<String, Object> kustomization = Generated.file("kustomization.yaml");
        List<String> files;
        try (Stream<Path> list = Files.list(Generated.KUBERNETES)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> !n.equals("kustomization.yaml"))
                    .sorted().toList();
        }
        assertThat(kustomization.get("namespace")).isEqualTo(KubernetesSettings.defaults().namespace());
        assertThat(Generated.list(kustomization, "resources")).containsExactlyInAnyOrderElementsOf(files);
        for (String file : files) {
            assertThat(Generated.map(Generated.file(file), "metadata")).as(file).doesNotContainKey("namespace");
        }
    }

    /** Built twice in this JVM, the files are the same, and they are what is committed (the drift check). */
    @Test
    void theCommittedFilesAreWhatTheGeneratorWrites() throws IOException {
        Map<String, String> files = Generated.manifests().files();
        assertThat(Generated.manifests().files()).isEqualTo(files);
        for (Map.Entry<String, String> file : files.entrySet()) {
            assertThat(Generated.KUBERNETES.resolve(file.getKey()))
                    .as("%s: regenerate with mvn -B -ntp -o -q package -DskipTests", file.getKey())
                    .hasContent(file.getValue());
        }
    }

    @Test
    void grafanaSidecarLabels() {
        KubernetesManifests m = Generated.manifests();
        assertThat(m.dashboardConfigMap().metadata().labels()).containsEntry("grafana_dashboard", "1");
        assertThat(m.dashboardConfigMap().data()).containsKey("http_api_overview.json");
        assertThat(m.datasourceConfigMap().metadata().labels()).containsEntry("grafana_datasource", "1");
        assertThat(Generated.map(Generated.file(m.dashboardConfigMap().fileName()), "metadata", "labels"))
                .containsEntry("grafana_dashboard", "1");
    }
}
