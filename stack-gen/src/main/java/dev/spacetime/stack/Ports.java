package dev.spacetime.stack;

/** The ports of the API and the three monitoring components. */
public record Ports(int api, int prometheus, int alertmanager, int nodeExporter) {

    /** SPEC.md "Generated monitoring": API 8080, Prometheus 9090, Alertmanager 9093, node exporter 9100. */
    public static final Ports DEFAULT = new Ports(8080, 9090, 9093, 9100);

    public Ports {
        for (int port : new int[] {api, prometheus, alertmanager, nodeExporter}) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }
}
