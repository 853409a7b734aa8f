package dev.spacetime.settings;

import dev.spacetime.catalog.Jobs;

/**
 * The scrape jobs of the monitoring stack itself (kubernetes-mixin's {@code prometheusSelector},
 * {@code alertmanagerSelector}, {@code nodeExporterSelector}): the pipeline and host alerts and panels select them.
 * kube-prometheus names them e.g. {@code prometheus-k8s}, {@code alertmanager-main}, {@code node-exporter}.
 *
 * @param prometheus   every Prometheus (one, or the HA pair)
 * @param alertmanager every Alertmanager (one, or the clustered pair)
 * @param node         node exporter on each host the stack runs on
 */
public record StackJobs(String prometheus, String alertmanager, String node) {

    public StackJobs {
        Scope.of(prometheus);
        Scope.of(alertmanager);
        Scope.of(node);
    }

    /** The catalog's job names, as stack-gen writes them into prometheus.yml. */
    public static StackJobs defaults() {
        return new StackJobs(Jobs.PROMETHEUS, Jobs.ALERTMANAGER, Jobs.NODE);
    }
}
