package dev.spacetime.kubernetes;

import dev.spacetime.settings.Settings;
import dev.spacetime.stack.ApiImage;

/**
 * What the Kubernetes manifests add to the monitoring settings.
 *
 * @param namespace      where kustomization.yaml puts every object (the API's namespace)
 * @param replicas       the Deployment's pod count: 0 or 1. Each pod keeps its issued tokens in its own state
 *                       database, so through a Service a second pod would refuse the webhook token the first one
 *                       issued (and a ReadWriteOnce volume serves one pod)
 * @param image          the API image compose builds, pushed where the cluster can pull it
 * @param release        the {@code release} label kube-prometheus-stack's default selectors look for on
 *                       ServiceMonitors, PrometheusRules and AlertmanagerConfigs: its Helm release name
 * @param prometheusUrl  the data source URL Grafana reaches the operator's Prometheus at
 * @param memoryMiB      memory request and limit; the heap is {@link ApiImage#maxRamPercentage()} % of it
 * @param cpuRequest     CPU request
 * @param cpuLimit       CPU limit
 * @param stateSize      size of the state volume
 * @param monitoring     job selector and intervals shared with the rules and dashboard
 */
public record KubernetesSettings(String namespace, int replicas, String image, String release, String prometheusUrl,
                                 int memoryMiB, String cpuRequest, String cpuLimit, String stateSize,
                                 Settings monitoring) {

    public KubernetesSettings {
        if (!namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            throw new IllegalArgumentException("not a namespace name: " + namespace);
        }
        if (replicas < 0 || replicas > 1) {
            throw new IllegalArgumentException("replicas must be 0 or 1 (tokens live in each pod's state): "
                    + replicas);
        }
        if (memoryMiB < 256) {
            throw new IllegalArgumentException("memory below 256 MiB leaves no heap: " + memoryMiB);
        }
    }

    /**
     * Namespace {@code spacetime}, one replica, the compose image, release {@code kube-prometheus-stack},
     * 1 GiB like compose's {@code mem_limit} (512 MiB heap, the README's sizing).
     */
    public static KubernetesSettings defaults() {
        return new KubernetesSettings("spacetime", 1, ApiImage.STANDARD.localTag(), "kube-prometheus-stack",
                "http://prometheus-operated.monitoring.svc:9090", 1024, "250m", "2", "1Gi", Settings.defaults());
    }

    /** The heap the JVM takes from the memory limit, MiB. */
    public int heapMiB() {
        return memoryMiB * ApiImage.STANDARD.maxRamPercentage() / 100;
    }
}
