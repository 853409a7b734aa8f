package dev.spacetime.alerts.model;

import java.util.Locale;

/**
 * The {@code component} label. Alerts that describe the same problem at different severities share a component,
 * so Alertmanager can inhibit the warning while the related critical fires ({@code equal: [job, component]}).
 */
public enum Component {
    /** Is the API there and answering without server errors (scrape health, 5xx, availability SLO). */
    AVAILABILITY,
    /** Request latency (percentile alerts, latency SLO). */
    LATENCY,
    /** Bearer token checks. */
    AUTH,
    /** Requests rejected with 429. */
    RATE_LIMIT,
    /** Resident memory of the server process. */
    MEMORY,
    /** Scene loading. */
    SCENES,
    /** The server's own health checks. */
    HEALTH,
    /** The monitoring pipeline: scrapes, rule evaluation, Prometheus to Alertmanager to receivers, the Watchdog. */
    MONITORING,
    /** The hosts the stack runs on (node exporter): disk, memory, CPU. */
    HOST;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
