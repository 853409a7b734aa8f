package dev.spacetime.alerts.model;

import java.util.Locale;

/** Alert rule groups in {@code prometheus_alerts.yml}, one per concern. */
public enum AlertGroup {
    AVAILABILITY,
    LATENCY,
    SECURITY,
    RESOURCES,
    SCENES,
    HEALTH,
    SLO,
    /** The monitoring pipeline itself: Prometheus, Alertmanager and the Watchdog. */
    MONITORING,
    /** The hosts the stack runs on, from node exporter. */
    HOST;

    /** The group's name in the rule file, e.g. {@code spacetime_api.availability}. */
    public String ruleGroupName() {
        return "spacetime_api." + name().toLowerCase(Locale.ROOT);
    }
}
