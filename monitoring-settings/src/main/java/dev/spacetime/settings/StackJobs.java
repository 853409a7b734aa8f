package dev.spacetime.settings;

import dev.spacetime.catalog.Jobs;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.PromQL;
import java.util.List;

/**
 * The scrape jobs of the monitoring stack itself (kubernetes-mixin's {@code prometheusSelector},
 * {@code alertmanagerSelector}, {@code nodeExporterSelector}): the pipeline and host alerts and panels select them.
 * kube-prometheus names them e.g. {@code prometheus-k8s}, {@code alertmanager-main}, {@code node-exporter}.
 *
 * @param prometheus   every Prometheus (one, or the HA pair)
 * @param alertmanager every Alertmanager (one, or the clustered pair)
 * @param node         node exporter on each host the stack runs on
 * @param pseudoFilesystems node exporter's {@code fstype}s that are no disk of their own (memory, container layers,
 *                     images, namespaces, lxcfs' /proc views): the host alerts and panels leave them out, as their
 *                     space is full by design or another filesystem's (node-mixin's {@code fsSelector})
 */
public record StackJobs(String prometheus, String alertmanager, String node, List<String> pseudoFilesystems) {

    public StackJobs {
        Scope.of(prometheus);
        Scope.of(alertmanager);
        Scope.of(node);
        pseudoFilesystems = List.copyOf(pseudoFilesystems);
        if (pseudoFilesystems.stream().anyMatch(t -> !t.matches("[a-z0-9_.]+"))) { // joined into one regex
            throw new IllegalArgumentException("not a filesystem type: " + pseudoFilesystems);
        }
    }

    /** The catalog's job names, as stack-gen writes them into prometheus.yml. */
    public static StackJobs defaults() {
        return new StackJobs(Jobs.PROMETHEUS, Jobs.ALERTMANAGER, Jobs.NODE, List.of("tmpfs", "ramfs", "devtmpfs",
                "overlay", "squashfs", "iso9660", "nsfs", "autofs", "fuse.lxcfs"));
    }

    /** Same filesystem filter, other job names (e.g. kube-prometheus' {@code prometheus-k8s}). */
    public static StackJobs named(String prometheus, String alertmanager, String node) {
        return new StackJobs(prometheus, alertmanager, node, defaults().pseudoFilesystems());
    }

    /** The matcher keeping node exporter's real filesystems: {@code fstype!~"tmpfs|..."}. */
    public String realFilesystems() {
        return PromQL.nre(Labels.FSTYPE, String.join("|", pseudoFilesystems));
    }
}
