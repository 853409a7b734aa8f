package dev.spacetime.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes {@code monitoring/kubernetes/} from the files alert-rules-gen and dashboard-gen wrote into
 * {@code monitoring/} earlier in the same build. Usage: {@code KubernetesGenerator <monitoring dir>}.
 */
public final class KubernetesGenerator {

    public static final String DIR = "kubernetes";
    public static final List<String> RULE_FILES = List.of("prometheus/prometheus_alerts.yml",
            "prometheus/recording_rules.yml");
    public static final String DASHBOARDS_DIR = "grafana/dashboards";

    private KubernetesGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: KubernetesGenerator <monitoring dir>");
        }
        Path monitoring = Path.of(args[0]);
        KubernetesManifests manifests = new KubernetesManifests(KubernetesSettings.defaults(),
                ruleGroups(monitoring), dashboards(monitoring));
        Path out = monitoring.resolve(DIR);
        Files.createDirectories(out);
        try (Stream<Path> old = Files.list(out)) { // a renamed object must not leave its old file behind
            for (Path p : old.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.delete(p);
            }
        }
        for (Map.Entry<String, String> file : manifests.files().entrySet()) {
            Files.writeString(out.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** The {@code groups} of every rule file, in {@link #RULE_FILES} order. */
    public static List<Object> ruleGroups(Path monitoring) {
        List<Object> groups = new ArrayList<>();
        for (String file : RULE_FILES) {
            Map<String, Object> doc = new Yaml().load(read(monitoring.resolve(file)));
            groups.addAll((List<?>) doc.get("groups"));
        }
        return groups;
    }

    /** Every dashboard JSON file, by file name. */
    public static Map<String, String> dashboards(Path monitoring) {
        Map<String, String> dashboards = new TreeMap<>();
        try (Stream<Path> files = Files.list(monitoring.resolve(DASHBOARDS_DIR))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                dashboards.put(p.getFileName().toString(), read(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (dashboards.isEmpty()) {
            throw new IllegalStateException("no dashboard in " + monitoring.resolve(DASHBOARDS_DIR));
        }
        return dashboards;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + " (run mvn package from the repository root)", e);
        }
    }
}
