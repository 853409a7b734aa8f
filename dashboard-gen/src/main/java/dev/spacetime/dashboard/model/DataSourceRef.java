package dev.spacetime.dashboard.model;

/** Reference to a data source by plugin type and uid; the uid may be a template variable such as {@code ${datasource}}. */
public record DataSourceRef(String type, String uid) {

    public static final String PROMETHEUS = "prometheus";

    /** The dashboard's {@code datasource} variable: every query goes through it so the data source can be switched. */
    public static final DataSourceRef VARIABLE = new DataSourceRef(PROMETHEUS, "${datasource}");
}
