package dev.spacetime.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * Rule groups for the operator's Prometheus. The groups are taken as alert-rules-gen wrote them (the files
 * promtool checked), not rebuilt, so the two cannot drift apart.
 *
 * @param groups the {@code groups} of the rule files, in order
 */
public record PrometheusRule(Meta metadata, List<Object> groups) implements Resource {

    public PrometheusRule {
        groups = List.copyOf(groups);
    }

    @Override
    public String apiVersion() {
        return "monitoring.coreos.com/v1";
    }

    @Override
    public String kind() {
        return "PrometheusRule";
    }

    @Override
    public Map<String, Object> body() {
        return Map.of("spec", Map.of("groups", groups));
    }
}
