package dev.spacetime.catalog;

/** Prometheus scrape job names, shared by prometheus.yml and the alerts that select on {@code job}. */
public final class Jobs {
    /** The api-server's /metrics. */
    public static final String API = "spacetime_api";
    public static final String PROMETHEUS = "prometheus";
    /** Every Alertmanager of the stack (one, or the clustered pair). */
    public static final String ALERTMANAGER = "alertmanager";
    /** Node exporter on each host the stack runs on. */
    public static final String NODE = "node";

    private Jobs() {
    }
}
