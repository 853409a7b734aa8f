package dev.spacetime.kubernetes;

import java.util.Map;
import java.util.TreeMap;

/** A ConfigMap of text files (Grafana's sidecar loads those labelled for it). */
public record ConfigMap(Meta metadata, Map<String, String> data) implements Resource {

    public ConfigMap {
        data = new TreeMap<>(data);
    }

    @Override
    public String apiVersion() {
        return "v1";
    }

    @Override
    public String kind() {
        return "ConfigMap";
    }

    @Override
    public Map<String, Object> body() {
        return Map.of("data", new TreeMap<>(data));
    }
}
