package dev.spacetime.catalog;

import static dev.spacetime.catalog.Labels.ENDPOINT;
import static dev.spacetime.catalog.Labels.ERROR_TYPE;
import static dev.spacetime.catalog.Labels.METHOD;
import static dev.spacetime.catalog.Labels.REASON;
import static dev.spacetime.catalog.Labels.RESULT;
import static dev.spacetime.catalog.Labels.STATE;
import static dev.spacetime.catalog.Labels.STATUS;
import static dev.spacetime.catalog.Labels.SUBSYSTEM;

import java.util.Arrays;
import java.util.List;

/**
 * The metric catalog: every metric name the server exposes or the alerts and dashboards query, declared once.
 * Renaming one here breaks compilation of every user, not a production alert.
 */
public final class Metrics {

    /** Request latency buckets (seconds), from SPEC.md. */
    public static final List<Double> DURATION_BUCKETS =
            List.of(.005, .01, .025, .05, .1, .25, .5, 1.0, 2.5, 5.0, 10.0);

    /** Request/response size buckets (bytes), from SPEC.md. */
    public static final List<Double> SIZE_BUCKETS =
            List.of(100.0, 500.0, 1e3, 5e3, 1e4, 5e4, 1e5, 5e5, 1e6, 5e6);

    /** Scene load latency buckets (seconds): parsing a scene takes from well under 1 ms to seconds. */
    public static final List<Double> SCENE_LOAD_BUCKETS =
            List.of(.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1.0, 2.5);

    /** Frame time buckets (seconds) around the 90 Hz budget of 11.1 ms. */
    public static final List<Double> FRAME_TIME_BUCKETS =
            List.of(.002, .005, .008, .0111, .0139, .0167, .025, .05, .1);

    // --- HTTP --------------------------------------------------------------------------------------------------

    public static final MetricDef HTTP_REQUESTS = counter("http_requests_total",
            "HTTP requests by method, route template and status code.", METHOD, ENDPOINT, STATUS);

    public static final MetricDef HTTP_REQUEST_DURATION = histogram("http_request_duration_seconds",
            "HTTP request latency from first byte read to last byte written.", DURATION_BUCKETS, METHOD, ENDPOINT);

    public static final MetricDef HTTP_REQUEST_SIZE = histogram("http_request_size_bytes",
            "HTTP request body size.", SIZE_BUCKETS, METHOD, ENDPOINT);

    public static final MetricDef HTTP_RESPONSE_SIZE = histogram("http_response_size_bytes",
            "HTTP response body size.", SIZE_BUCKETS, METHOD, ENDPOINT);

    public static final MetricDef ACTIVE_CONNECTIONS = gauge("active_connections",
            "Open client TCP connections (opened minus closed).");

    // --- Auth and rate limiting ---------------------------------------------------------------------------------

    public static final MetricDef AUTH_ATTEMPTS = counter("auth_attempts_total",
            "Bearer token checks by result.", RESULT);

    public static final MetricDef RATE_LIMIT_HITS = counter("rate_limit_hits_total",
            "Requests rejected with 429 by route template.", ENDPOINT);

    // --- Scenes and the engine loop -----------------------------------------------------------------------------

    public static final MetricDef SCENE_LOADS = counter("scene_loads_total",
            "Scene loads that succeeded.");

    public static final MetricDef SCENE_LOAD_ERRORS = counter("scene_load_errors_total",
            "Scene loads that failed, by error type.", ERROR_TYPE);

    public static final MetricDef SCENE_LOAD_DURATION = histogram("scene_load_duration_seconds",
            "Time to read, parse and instantiate a scene.", SCENE_LOAD_BUCKETS);

    public static final MetricDef ENGINE_FPS = gauge("engine_fps",
            "Measured scene runtime tick rate (frames per second).");

    public static final MetricDef ENGINE_TARGET_FPS = gauge("engine_target_fps",
            "Configured scene runtime tick rate (frames per second).");

    public static final MetricDef ENGINE_FRAME_TIME = histogram("engine_frame_time_seconds",
            "Time spent processing one frame of the current scene.", FRAME_TIME_BUCKETS);

    // --- Health -------------------------------------------------------------------------------------------------

    public static final MetricDef HEALTH_STATUS = gauge("health_status",
            "Health state per subsystem (and subsystem=\"overall\"), one-hot: 1 for the current state.",
            SUBSYSTEM, STATE);

    // --- Alert webhook receiver ---------------------------------------------------------------------------------

    public static final MetricDef ALERT_NOTIFICATIONS = counter("alert_webhook_alerts_total",
            "Alerts received from Alertmanager's webhook, by status (firing, resolved).", STATUS);

    // --- From client_java's JVM/process instrumentation -----------------------------------------------------------

    public static final MetricDef PROCESS_RESIDENT_MEMORY = external("process_resident_memory_bytes",
            MetricType.GAUGE, "Resident memory size in bytes.", Source.INSTRUMENTATION);

    public static final MetricDef PROCESS_START_TIME = external("process_start_time_seconds",
            MetricType.GAUGE, "Start time of the process since unix epoch in seconds.", Source.INSTRUMENTATION);

    public static final MetricDef JVM_MEMORY_USED = new MetricDef("jvm_memory_used_bytes", MetricType.GAUGE,
            "Used bytes of a given JVM memory area.", List.of("area"), List.of(), Source.INSTRUMENTATION);

    // --- Workload isolation and connection protection ------------------------------------------------------------

    public static final MetricDef WORKLOAD_IN_FLIGHT = gauge("workload_in_flight",
            "Scene operations running on the workload pool (threads busy).");

    public static final MetricDef WORKLOAD_QUEUE_DEPTH = gauge("workload_queue_depth",
            "Scene operations waiting for a workload thread.");

    public static final MetricDef WORKLOAD_THREADS = gauge("workload_threads",
            "Threads of the workload pool: the most scene operations that run at once.");

    public static final MetricDef WORKLOAD_REJECTIONS = counter("workload_rejections_total",
            "Scene operations refused or cancelled, by reason (queue_full: 503 at once; deadline: cancelled, 503;"
                    + " client_closed: cancelled, the client had gone).", REASON);

    public static final MetricDef CONNECTIONS_DROPPED = counter("connections_dropped_total",
            "Connections the server closed to protect itself, by reason (per_client_limit, head_timeout).",
            REASON);

    // --- Made by Prometheus itself --------------------------------------------------------------------------------

    /** 1 when the last scrape of a target succeeded, 0 when it failed. */
    public static final MetricDef UP = external("up", MetricType.GAUGE,
            "Scrape health of a target.", Source.PROMETHEUS);

    /** Pending and firing alerts as series. */
    public static final MetricDef ALERTS = new MetricDef("ALERTS", MetricType.GAUGE,
            "Pending and firing alerts.", List.of("alertname", "alertstate"), List.of(), Source.PROMETHEUS);

    /** Every definition above, in declaration order. */
    public static final List<MetricDef> ALL = List.of(
            HTTP_REQUESTS, HTTP_REQUEST_DURATION, HTTP_REQUEST_SIZE, HTTP_RESPONSE_SIZE, ACTIVE_CONNECTIONS,
            AUTH_ATTEMPTS, RATE_LIMIT_HITS,
            SCENE_LOADS, SCENE_LOAD_ERRORS, SCENE_LOAD_DURATION, ENGINE_FPS, ENGINE_TARGET_FPS, ENGINE_FRAME_TIME,
            HEALTH_STATUS, ALERT_NOTIFICATIONS,
            WORKLOAD_IN_FLIGHT, WORKLOAD_QUEUE_DEPTH, WORKLOAD_THREADS, WORKLOAD_REJECTIONS, CONNECTIONS_DROPPED,
            PROCESS_RESIDENT_MEMORY, PROCESS_START_TIME, JVM_MEMORY_USED,
            UP, ALERTS);

    /** Definitions the api-server itself registers. */
    public static List<MetricDef> application() {
        return ALL.stream().filter(m -> m.source() == Source.APPLICATION).toList();
    }

    /** True when {@code seriesName} is a series of some family in the catalog (histograms count thrice). */
    public static boolean isKnownSeries(String seriesName) {
        return ALL.stream().anyMatch(m -> m.seriesNames().contains(seriesName));
    }

    private static MetricDef counter(String name, String help, String... labels) {
        return new MetricDef(name, MetricType.COUNTER, help, Arrays.asList(labels), List.of(), Source.APPLICATION);
    }

    private static MetricDef gauge(String name, String help, String... labels) {
        return new MetricDef(name, MetricType.GAUGE, help, Arrays.asList(labels), List.of(), Source.APPLICATION);
    }

    private static MetricDef histogram(String name, String help, List<Double> buckets, String... labels) {
        return new MetricDef(name, MetricType.HISTOGRAM, help, Arrays.asList(labels), buckets, Source.APPLICATION);
    }

    private static MetricDef external(String name, MetricType type, String help, Source source) {
        return new MetricDef(name, type, help, List.of(), List.of(), source);
    }

    private Metrics() {
    }
}
