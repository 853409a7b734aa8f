package dev.spacetime.catalog;

import java.time.Duration;

/** Prometheus scrape job names, shared by prometheus.yml and the alerts that select on {@code job}. */
public final class Jobs {
    /**
     * How often Prometheus scrapes (SPEC.md: 15 s). prometheus.yml uses it, and so does Grafana's data source,
     * whose {@code $__rate_interval} must be at least four scrapes.
     */
    public static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(15);

    /** The api-server's /metrics. */
    public static final String API = "spacetime_api";
    public static final String PROMETHEUS = "prometheus";
    public static final String NODE = "node";

    private Jobs() {
    }
}
