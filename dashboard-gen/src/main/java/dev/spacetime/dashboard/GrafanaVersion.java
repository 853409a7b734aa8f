package dev.spacetime.dashboard;

/**
 * The one place that says which Grafana the generated files target. The compose file runs {@link #IMAGE}; the
 * dashboard JSON declares {@link #SCHEMA_VERSION}, the dashboard schema that Grafana release writes itself, so it
 * loads the file without running its migrations.
 */
public final class GrafanaVersion {

    /** Grafana release. */
    public static final String VERSION = "11.3.1";

    /** Docker image the stack runs. */
    public static final String IMAGE = "grafana/grafana:" + VERSION;

    /** Dashboard {@code schemaVersion} of Grafana 11.3 (DashboardMigrator's DASHBOARD_SCHEMA_VERSION; 40 came in 11.4+). */
    public static final int SCHEMA_VERSION = 39;

    private GrafanaVersion() {
    }
}
