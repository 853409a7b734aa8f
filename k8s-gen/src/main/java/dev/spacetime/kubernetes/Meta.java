package dev.spacetime.kubernetes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Object metadata. No namespace: kustomization.yaml sets it on every object, so the namespace is written once.
 *
 * @param name   the object's name
 * @param labels its labels, in the order written
 */
public record Meta(String name, Map<String, String> labels) {

    public Meta {
        if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || name.length() > 63) {
            throw new IllegalArgumentException("not a DNS-1123 label: " + name);
        }
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    Map<String, Object> toYaml() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("labels", new LinkedHashMap<>(labels));
        return out;
    }
}
