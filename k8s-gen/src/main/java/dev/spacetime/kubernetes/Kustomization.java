package dev.spacetime.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code kustomization.yaml}: the files to apply and the namespace every object gets. */
public record Kustomization(String namespace, List<String> resources) {

    public Kustomization {
        resources = List.copyOf(resources);
    }

    public Map<String, Object> toYaml() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
        out.put("kind", "Kustomization");
        out.put("namespace", namespace);
        out.put("resources", resources);
        return out;
    }
}
