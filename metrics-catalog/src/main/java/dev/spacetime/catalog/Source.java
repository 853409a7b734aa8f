package dev.spacetime.catalog;

/** Who produces a metric: lets tests tell "our server must expose it" from "Prometheus makes it". */
public enum Source {
    /** Registered and updated by the api-server itself. */
    APPLICATION,
    /** Exposed by client_java's JVM/process instrumentation inside the api-server. */
    INSTRUMENTATION,
    /** Synthesised by Prometheus (up, ALERTS) or by node exporter; never exposed by the api-server. */
    PROMETHEUS
}
