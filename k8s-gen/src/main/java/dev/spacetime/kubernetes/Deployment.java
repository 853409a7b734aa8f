package dev.spacetime.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API server's pods.
 *
 * @param metadata  name and labels
 * @param replicas  pod count
 * @param podLabels the pods' labels, also the Deployment's selector and the Service's
 * @param container the one container
 * @param volumes   the pod's volumes, mounted by the container
 */
public record Deployment(Meta metadata, int replicas, Map<String, String> podLabels, Container container,
                         List<Volume> volumes) implements Resource {

    /**
     * @param port      the named container port the Service forwards to
     * @param liveness  restart the container when this fails
     * @param readiness take the pod out of the Service when this fails
     * @param uid       user and group (never 0)
     * @param env       the server's options as environment variables
     */
    public record Container(String name, String image, Service.Port port, Probe liveness, Probe readiness,
                            Resources resources, int uid, Map<String, String> env, List<Mount> mounts) {
        public Container {
            if (uid <= 0) {
                throw new IllegalArgumentException("the container must not run as root");
            }
            env = new LinkedHashMap<>(env);
            mounts = List.copyOf(mounts);
        }
    }

    /** An HTTP GET probe on the named port. */
    public record Probe(String path, String port, int initialDelaySeconds, int periodSeconds, int failureThreshold) {
        Map<String, Object> toYaml() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("httpGet", Map.of("path", path, "port", port));
            out.put("initialDelaySeconds", initialDelaySeconds);
            out.put("periodSeconds", periodSeconds);
            out.put("failureThreshold", failureThreshold);
            return out;
        }
    }

    /**
     * Requests and limits. Memory request equals the limit: the heap is a share of the limit, and a pod that
     * could be evicted for using less than it was promised would be restarted for nothing.
     *
     * @param memoryMiB memory request and limit, MiB
     */
    public record Resources(String cpuRequest, String cpuLimit, int memoryMiB) {
        Map<String, Object> toYaml() {
            return Map.of(
                    "requests", new TreeMap<>(Map.of("cpu", cpuRequest, "memory", memoryMiB + "Mi")),
                    "limits", new TreeMap<>(Map.of("cpu", cpuLimit, "memory", memoryMiB + "Mi")));
        }
    }

    public record Mount(String volume, String mountPath, boolean readOnly) {
    }

    /** A pod volume. */
    public sealed interface Volume {
        String name();

        Map<String, Object> source();
    }

    public record ClaimVolume(String name, String claimName) implements Volume {
        @Override
        public Map<String, Object> source() {
            return Map.of("persistentVolumeClaim", Map.of("claimName", claimName));
        }
    }

    /** Scratch space on a read-only root filesystem. */
    public record EmptyDirVolume(String name, String sizeLimit) implements Volume {
        @Override
        public Map<String, Object> source() {
            return Map.of("emptyDir", Map.of("sizeLimit", sizeLimit));
        }
    }

    /** One key of a Secret the user creates, as a file. */
    public record SecretVolume(String name, String secretName, String key, String path) implements Volume {
        @Override
        public Map<String, Object> source() {
            Map<String, Object> secret = new LinkedHashMap<>();
            secret.put("secretName", secretName);
            secret.put("items", List.of(Map.of("key", key, "path", path)));
            secret.put("defaultMode", 0440); // group-readable: the files belong to root and the pod's fsGroup
            return Map.of("secret", secret);
        }
    }

    public Deployment {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative: " + replicas);
        }
        podLabels = new LinkedHashMap<>(podLabels);
        volumes = List.copyOf(volumes);
        List<String> names = volumes.stream().map(Volume::name).toList();
        for (Mount m : container.mounts()) {
            if (!names.contains(m.volume())) {
                throw new IllegalArgumentException("mount of an undeclared volume: " + m.volume());
            }
        }
    }

    @Override
    public String apiVersion() {
        return "apps/v1";
    }

    @Override
    public String kind() {
        return "Deployment";
    }

    @Override
    public Map<String, Object> body() {
        Container c = container;
        Map<String, Object> security = new LinkedHashMap<>();
        security.put("runAsNonRoot", true);
        security.put("runAsUser", c.uid());
        security.put("runAsGroup", c.uid());
        security.put("readOnlyRootFilesystem", true);
        security.put("allowPrivilegeEscalation", false);
        security.put("capabilities", Map.of("drop", List.of("ALL")));
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", c.name());
        container.put("image", c.image());
        container.put("ports", List.of(Map.of("name", c.port().name(), "containerPort", c.port().port(),
                "protocol", "TCP")));
        container.put("env", c.env().entrySet().stream()
                .map(e -> Map.of("name", e.getKey(), "value", e.getValue())).toList());
        container.put("livenessProbe", c.liveness().toYaml());
        container.put("readinessProbe", c.readiness().toYaml());
        container.put("resources", c.resources().toYaml());
        container.put("securityContext", security);
        container.put("volumeMounts", c.mounts().stream().map(m -> {
            Map<String, Object> mount = new LinkedHashMap<>();
            mount.put("name", m.volume());
            mount.put("mountPath", m.mountPath());
            mount.put("readOnly", m.readOnly());
            return mount;
        }).toList());
        Map<String, Object> podSpec = new LinkedHashMap<>();
        // The volumes are created owned by this group, so the non-root user can write the state directory.
        podSpec.put("securityContext", Map.of("fsGroup", c.uid(), "seccompProfile", Map.of("type", "RuntimeDefault")));
        podSpec.put("containers", List.of(container));
        podSpec.put("volumes", volumes.stream().map(v -> {
            Map<String, Object> volume = new LinkedHashMap<>();
            volume.put("name", v.name());
            volume.putAll(v.source());
            return volume;
        }).toList());
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("metadata", Map.of("labels", new LinkedHashMap<>(podLabels)));
        template.put("spec", podSpec);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", replicas);
        // A ReadWriteOnce state volume cannot be mounted by the old and the new pod at once on different nodes.
        spec.put("strategy", Map.of("type", "Recreate"));
        spec.put("selector", Map.of("matchLabels", new LinkedHashMap<>(podLabels)));
        spec.put("template", template);
        return Map.of("spec", spec);
    }
}
