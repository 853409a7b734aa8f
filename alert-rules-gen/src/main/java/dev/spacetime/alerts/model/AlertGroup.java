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
    SLO;

    /** The group's name in the rule file, e.g. {@code spacetime_api.availability}. */
    public String ruleGroupName() {
        return "spacetime_api." + name().toLowerCase(Locale.ROOT);
    }
}
