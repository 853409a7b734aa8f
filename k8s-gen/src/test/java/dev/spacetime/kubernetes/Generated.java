package dev.spacetime.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The committed monitoring/ tree and the manifests built from it with the default settings. */
final class Generated {

    static final Path ROOT = Path.of(System.getProperty("spacetime.root", "..")).toAbsolutePath().normalize();
    static final Path MONITORING = ROOT.resolve("monitoring");
    static final Path KUBERNETES = MONITORING.resolve(KubernetesGenerator.DIR);

    private Generated() {
    }

    static KubernetesManifests manifests() {
        return new KubernetesManifests(KubernetesSettings.defaults(), KubernetesGenerator.ruleGroups(MONITORING),
                KubernetesGenerator.dashboards(MONITORING));
    }

    /** A generated file of monitoring/kubernetes/, parsed. */
    static Map<String, Object> file(String name) {
        return load(KUBERNETES.resolve(name));
    }

    static Map<String, Object> load(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String key) {
        return (List<Object>) ((Map<String, Object>) node).get(key);
    }
}
