package dev.spacetime.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

/** One Kubernetes object as written: {@code apiVersion}, {@code kind}, {@code metadata}, then its own fields. */
public sealed interface Resource
        permits Deployment, PersistentVolumeClaim, Service, ConfigMap, ServiceMonitor, PrometheusRule, AlertmanagerConfig {

    String apiVersion();

    String kind();

    Meta metadata();

    /** The fields after {@code metadata} ({@code spec}, {@code data}), in the order they are written. */
    Map<String, Object> body();

    /** The file name in {@code monitoring/kubernetes/}: kind and name, so each object has one file. */
    default String fileName() {
        return kind().toLowerCase(java.util.Locale.ROOT) + "-" + metadata().name() + ".yaml";
    }

    default Map<String, Object> toYaml() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("apiVersion", apiVersion());
        out.put("kind", kind());
        out.put("metadata", metadata().toYaml());
        out.putAll(body());
        return out;
    }
}
