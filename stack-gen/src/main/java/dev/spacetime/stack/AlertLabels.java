package dev.spacetime.stack;

import java.util.Set;

/**
 * The alert labels routing and inhibition rely on. Every alert alert-rules-gen writes carries {@code severity}
 * and {@code component}; Prometheus adds {@code alertname}. Nothing else is guaranteed: aggregated expressions
 * ({@code sum(rate(...))}) drop {@code instance} and {@code job}.
 */
public final class AlertLabels {
    public static final String ALERTNAME = "alertname";
    public static final String SEVERITY = "severity";
    public static final String COMPONENT = "component";
    public static final String INSTANCE = "instance";
    public static final String JOB = "job";

    /** The {@code component} of authentication alerts, routed to the security receiver. */
    public static final String AUTH_COMPONENT = "auth";

    /** Labels present on every alert, the only ones an inhibit rule may require equal. */
    public static final Set<String> GUARANTEED = Set.of(ALERTNAME, SEVERITY, COMPONENT);

    private AlertLabels() {
    }
}
