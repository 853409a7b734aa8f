package dev.spacetime.catalog;

/** Label names and the fixed label values that are not enumerations. */
public final class Labels {
    public static final String METHOD = "method";
    public static final String ENDPOINT = "endpoint";
    public static final String STATUS = "status";
    public static final String RESULT = "result";
    public static final String ERROR_TYPE = "error_type";
    public static final String SUBSYSTEM = "subsystem";
    public static final String STATE = "state";
    public static final String REASON = "reason";

    /** The single {@code endpoint} value for every request that matched no route: keeps cardinality fixed. */
    public static final String UNMATCHED_ENDPOINT = "unmatched";

    /** The {@code subsystem} value of the overall health state. */
    public static final String OVERALL = "overall";

    /** Target labels Prometheus attaches to every scraped series. */
    public static final String JOB = "job";
    public static final String INSTANCE = "instance";

    /** The alert name label Prometheus puts on every alert (and on {@code ALERTS}). */
    public static final String ALERTNAME = "alertname";

    /** Histogram bucket upper bound label, set by the client library on {@code _bucket} series. */
    public static final String LE = "le";

    private Labels() {
    }
}
