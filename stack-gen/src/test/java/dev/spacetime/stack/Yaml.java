package dev.spacetime.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads generated YAML back as plain maps and lists for structural assertions. */
final class Yaml {

    private Yaml() {
    }

    static Map<String, Object> load(Path file) throws IOException {
        return new org.yaml.snakeyaml.Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String key) {
        return (Map<String, Object>) ((Map<String, Object>) node).get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String key) {
        return (List<Object>) ((Map<String, Object>) node).get(key);
    }
}
