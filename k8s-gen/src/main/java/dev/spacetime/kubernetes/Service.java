package dev.spacetime.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ClusterIP Service in front of the API's pods.
 *
 * @param metadata name and labels (the ServiceMonitor selects these labels)
 * @param selector the pod labels it sends traffic to
 * @param port     the one named port
 */
public record Service(Meta metadata, Map<String, String> selector, Port port) implements Resource {

    /** A named port forwarding to the container port of the same name. */
    public record Port(String name, int port) {
    }

    public Service {
        selector = new LinkedHashMap<>(selector);
    }

    @Override
    public String apiVersion() {
        return "v1";
    }

    @Override
    public String kind() {
        return "Service";
    }

    @Override
    public Map<String, Object> body() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", port.name());
        p.put("port", port.port());
        p.put("targetPort", port.name());
        p.put("protocol", "TCP");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "ClusterIP");
        spec.put("selector", new LinkedHashMap<>(selector));
        spec.put("ports", List.of(p));
        return Map.of("spec", spec);
    }
}
