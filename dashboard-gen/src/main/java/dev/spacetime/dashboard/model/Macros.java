package dev.spacetime.dashboard.model;

/** Grafana's built-in query variables used by this model. */
public final class Macros {

    /** Rate window Grafana computes: at least four scrape intervals and at least one query step. */
    public static final String RATE_INTERVAL = "$__rate_interval";

    private Macros() {
    }
}
