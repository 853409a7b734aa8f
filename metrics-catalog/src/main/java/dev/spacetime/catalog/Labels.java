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
    /** Alertmanager's notifier ({@code webhook}, {@code email}...) on its notification counters. */
    public static final String INTEGRATION = "integration";
    /** Prometheus' rule group ({@code file;group}) on its rule evaluation counters. */
    public static final String RULE_GROUP = "rule_group";
    /** Node exporter's filesystem labels. */
    public static final String MOUNTPOINT = "mountpoint";
    public static final String FSTYPE = "fstype";
    /** Node exporter's device label (disk, network interface, filesystem device). */
    public static final String DEVICE = "device";
    /** Node exporter's CPU number. */
    public static final String CPU = "cpu";
    /** Node exporter's CPU mode ({@code idle}, {@code user}...). */
    public static final String MODE = "mode";
    /** Alertmanager 0.27+'s receiver on its notification counters (0.25, Debian's, has {@link #INTEGRATION} only). */
    public static final String RECEIVER_NAME = "receiver_name";

    /** Histogram bucket upper bound label, set by the client library on {@code _bucket} series. */
    public static final String LE = "le";

    /**
     * Exemplar labels on {@code http_request_duration_seconds} buckets: the request's profile id ({@code req_<n>},
     * opened by the API's flame graph viewer) and the W3C trace id it came with in a {@code traceparent} header.
     */
    public static final String EXEMPLAR_REQUEST_ID = "request_id";
    public static final String EXEMPLAR_TRACE_ID = "trace_id";

    private Labels() {
    }
}
