package dev.spacetime.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's state directory: one ReadWriteOnce volume from the cluster's default storage class. */
public record PersistentVolumeClaim(Meta metadata, String size) implements Resource {

    @Override
    public String apiVersion() {
        return "v1";
    }

    @Override
    public String kind() {
        return "PersistentVolumeClaim";
    }

    @Override
    public Map<String, Object> body() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("accessModes", List.of("ReadWriteOnce"));
        spec.put("resources", Map.of("requests", Map.of("storage", size)));
        return Map.of("spec", spec);
    }
}
