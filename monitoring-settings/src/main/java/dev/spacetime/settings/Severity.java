package dev.spacetime.settings;

import java.util.Locale;

/** The {@code severity} label; Alertmanager routes on it (critical pages, warning opens a ticket). */
public enum Severity {
    CRITICAL,
    WARNING,
    INFO,
    /** Not for people: the always-firing Watchdog (kube-prometheus' convention), routed to its own receiver. */
    NONE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
