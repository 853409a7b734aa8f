package dev.spacetime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The real kustomize (kubectl's, offline: it needs no cluster) builds the directory as kubectl apply -k would. */
class KustomizeBuildTest {

    @Test
    void kubectlKustomizePutsEveryObjectInTheNamespace() throws Exception {
        Path kubectl = Path.of("/usr/bin/kubectl");
        assumeTrue(Files.isExecutable(kubectl), "kubectl not installed");
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", Generated.KUBERNETES.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        List<Map<String, Object>> objects = new ArrayList<>();
        new Yaml().loadAll(out).forEach(doc -> objects.add(Generated.map(doc)));
        assertThat(objects).extracting(o -> o.get("kind")).containsExactlyInAnyOrderElementsOf(
                Generated.manifests().resources().stream().map(Resource::kind).toList());
        for (Map<String, Object> o : objects) {
            assertThat(Generated.map(o, "metadata")).as("%s", o.get("kind"))
                    .containsEntry("namespace", KubernetesSettings.defaults().namespace());
        }
    }
}
