package dev.spacetime.catalog;

/** Who produces a metric: lets tests tell "our server must expose it" from "Prometheus makes it". */
public enum Source {
    /** Registered and updated by the api-server itself. */
    APPLICATION,
    /** Exposed by client_java's JVM/process instrumentation inside the api-server. */
    INSTRUMENTATION,
    /** Synthesised by Prometheus (up, ALERTS, scrape_duration_seconds) or exposed by Prometheus about itself. */
    PROMETHEUS,
    /** Exposed by Alertmanager about itself. */
    ALERTMANAGER,
    /** Exposed by node exporter about its host. */
    NODE_EXPORTER
}
