package dev.spacetime.kubernetes;

import dev.spacetime.settings.PromDuration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Prometheus of kube-prometheus-stack scrapes: the endpoints of the Services carrying {@code selector}.
 *
 * @param metadata name and labels (kube-prometheus-stack selects ServiceMonitors by its {@code release} label)
 * @param selector the Service labels to match
 * @param jobLabel the Service label whose value becomes the {@code job} label (else the Service's name)
 * @param port     the Service port's name
 * @param path     the metrics route
 * @param interval scrape interval
 */
public record ServiceMonitor(Meta metadata, Map<String, String> selector, String jobLabel, String port, String path,
                             PromDuration interval) implements Resource {

    public ServiceMonitor {
        selector = new LinkedHashMap<>(selector);
    }

    @Override
    public String apiVersion() {
        return "monitoring.coreos.com/v1";
    }

    @Override
    public String kind() {
        return "ServiceMonitor";
    }

    @Override
    public Map<String, Object> body() {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", port);
        endpoint.put("path", path);
        endpoint.put("interval", interval.toString());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("jobLabel", jobLabel);
        spec.put("selector", Map.of("matchLabels", new LinkedHashMap<>(selector)));
        spec.put("endpoints", List.of(endpoint));
        return Map.of("spec", spec);
    }
}
