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

    /**
     * When the last {@link Heartbeats#WATCHDOG_ALERT} notification reached the webhook (Unix seconds); 0 until the
     * first one ever. {@code time() - this} is the heartbeat's age.
     */
    public static final MetricDef ALERT_HEARTBEAT = gauge("alert_webhook_last_heartbeat_timestamp_seconds",
            "When Alertmanager last delivered the always-firing Watchdog alert (Unix seconds; 0: never).");

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

    /** Duration of the last scrape of each target, in seconds (made by Prometheus for every target). */
    public static final MetricDef SCRAPE_DURATION = external("scrape_duration_seconds", MetricType.GAUGE,
            "Duration of the last scrape of a target.", Source.PROMETHEUS);

    // --- Prometheus about itself (job "prometheus") --------------------------------------------------------------

    public static final MetricDef PROMETHEUS_ALERTMANAGERS_DISCOVERED = external(
            "prometheus_notifications_alertmanagers_discovered", MetricType.GAUGE,
            "The number of Alertmanagers discovered and active.", Source.PROMETHEUS);

    public static final MetricDef PROMETHEUS_NOTIFICATIONS_SENT = external("prometheus_notifications_sent_total",
            MetricType.COUNTER, "Alerts sent to Alertmanagers.", Source.PROMETHEUS, "alertmanager");

    public static final MetricDef PROMETHEUS_NOTIFICATIONS_ERRORS = external("prometheus_notifications_errors_total",
            MetricType.COUNTER, "Errors sending alert notifications.", Source.PROMETHEUS, "alertmanager");

    public static final MetricDef PROMETHEUS_NOTIFICATIONS_DROPPED = external(
            "prometheus_notifications_dropped_total", MetricType.COUNTER,
            "Alerts dropped due to errors when sending to Alertmanager (or a full queue).", Source.PROMETHEUS);

    public static final MetricDef PROMETHEUS_NOTIFICATIONS_QUEUE_LENGTH = external(
            "prometheus_notifications_queue_length", MetricType.GAUGE,
            "The number of alert notifications in the queue.", Source.PROMETHEUS);

    public static final MetricDef PROMETHEUS_NOTIFICATIONS_QUEUE_CAPACITY = external(
            "prometheus_notifications_queue_capacity", MetricType.GAUGE,
            "The capacity of the alert notifications queue.", Source.PROMETHEUS);

    public static final MetricDef PROMETHEUS_RULE_EVALUATION_FAILURES = external(
            "prometheus_rule_evaluation_failures_total", MetricType.COUNTER,
            "Rule evaluations that failed.", Source.PROMETHEUS, Labels.RULE_GROUP);

    public static final MetricDef PROMETHEUS_RULE_EVALUATIONS = external("prometheus_rule_evaluations_total",
            MetricType.COUNTER, "Rule evaluations.", Source.PROMETHEUS, Labels.RULE_GROUP);

    public static final MetricDef PROMETHEUS_RULE_GROUP_MISSED = external(
            "prometheus_rule_group_iterations_missed_total", MetricType.COUNTER,
            "Rule group evaluations missed due to slow rule group evaluation.", Source.PROMETHEUS, Labels.RULE_GROUP);

    public static final MetricDef PROMETHEUS_RULE_GROUP_DURATION = external(
            "prometheus_rule_group_last_duration_seconds", MetricType.GAUGE,
            "The duration of the last rule group evaluation.", Source.PROMETHEUS, Labels.RULE_GROUP);

    public static final MetricDef PROMETHEUS_CONFIG_RELOAD_SUCCESSFUL = external(
            "prometheus_config_last_reload_successful", MetricType.GAUGE,
            "Whether the last configuration reload attempt was successful (1) or not (0).", Source.PROMETHEUS);

    // --- Alertmanager about itself (job "alertmanager") ----------------------------------------------------------

    /**
     * Notification attempts per integration (Alertmanager 0.25, Debian's; 0.27 and later add {@code receiver_name}).
     */
    public static final MetricDef ALERTMANAGER_NOTIFICATIONS = external("alertmanager_notifications_total",
            MetricType.COUNTER, "The total number of attempted notifications.", Source.ALERTMANAGER,
            Labels.INTEGRATION);

    public static final MetricDef ALERTMANAGER_NOTIFICATIONS_FAILED = external(
            "alertmanager_notifications_failed_total", MetricType.COUNTER,
            "The total number of failed notifications.", Source.ALERTMANAGER, Labels.INTEGRATION);

    public static final MetricDef ALERTMANAGER_CONFIG_RELOAD_SUCCESSFUL = external(
            "alertmanager_config_last_reload_successful", MetricType.GAUGE,
            "Whether the last configuration reload attempt was successful (1) or not (0).", Source.ALERTMANAGER);

    public static final MetricDef ALERTMANAGER_CLUSTER_MEMBERS = external("alertmanager_cluster_members",
            MetricType.GAUGE, "Number indicating current number of members in cluster.", Source.ALERTMANAGER);

    public static final MetricDef ALERTMANAGER_ALERTS = external("alertmanager_alerts", MetricType.GAUGE,
            "How many alerts by state.", Source.ALERTMANAGER, STATE);

    // --- Node exporter (job "node") ------------------------------------------------------------------------------

    public static final MetricDef NODE_FILESYSTEM_AVAIL = external("node_filesystem_avail_bytes", MetricType.GAUGE,
            "Filesystem space available to non-root users in bytes.", Source.NODE_EXPORTER,
            Labels.DEVICE, Labels.FSTYPE, Labels.MOUNTPOINT);

    public static final MetricDef NODE_FILESYSTEM_SIZE = external("node_filesystem_size_bytes", MetricType.GAUGE,
            "Filesystem size in bytes.", Source.NODE_EXPORTER, Labels.DEVICE, Labels.FSTYPE, Labels.MOUNTPOINT);

    public static final MetricDef NODE_FILESYSTEM_READONLY = external("node_filesystem_readonly", MetricType.GAUGE,
            "Filesystem read-only status.", Source.NODE_EXPORTER, Labels.DEVICE, Labels.FSTYPE, Labels.MOUNTPOINT);

    public static final MetricDef NODE_MEMORY_AVAILABLE = external("node_memory_MemAvailable_bytes",
            MetricType.GAUGE, "Memory information field MemAvailable_bytes.", Source.NODE_EXPORTER);

    public static final MetricDef NODE_MEMORY_TOTAL = external("node_memory_MemTotal_bytes", MetricType.GAUGE,
            "Memory information field MemTotal_bytes.", Source.NODE_EXPORTER);

    public static final MetricDef NODE_CPU_SECONDS = external("node_cpu_seconds_total", MetricType.COUNTER,
            "Seconds the CPUs spent in each mode.", Source.NODE_EXPORTER, Labels.CPU, Labels.MODE);

    public static final MetricDef NODE_DISK_READ_BYTES = external("node_disk_read_bytes_total", MetricType.COUNTER,
            "The total number of bytes read successfully.", Source.NODE_EXPORTER, Labels.DEVICE);

    public static final MetricDef NODE_DISK_WRITTEN_BYTES = external("node_disk_written_bytes_total",
            MetricType.COUNTER, "The total number of bytes written successfully.", Source.NODE_EXPORTER,
            Labels.DEVICE);

    public static final MetricDef NODE_DISK_IO_TIME = external("node_disk_io_time_seconds_total",
            MetricType.COUNTER, "Total seconds spent doing I/Os.", Source.NODE_EXPORTER, Labels.DEVICE);

    public static final MetricDef NODE_NETWORK_RECEIVE_BYTES = external("node_network_receive_bytes_total",
            MetricType.COUNTER, "Network device statistic receive_bytes.", Source.NODE_EXPORTER, Labels.DEVICE);

    public static final MetricDef NODE_NETWORK_TRANSMIT_BYTES = external("node_network_transmit_bytes_total",
            MetricType.COUNTER, "Network device statistic transmit_bytes.", Source.NODE_EXPORTER, Labels.DEVICE);

    /** Every definition above, in declaration order. */
    public static final List<MetricDef> ALL = List.of(
            HTTP_REQUESTS, HTTP_REQUEST_DURATION, HTTP_REQUEST_SIZE, HTTP_RESPONSE_SIZE, ACTIVE_CONNECTIONS,
            AUTH_ATTEMPTS, RATE_LIMIT_HITS,
            SCENE_LOADS, SCENE_LOAD_ERRORS, SCENE_LOAD_DURATION, ENGINE_FPS, ENGINE_TARGET_FPS, ENGINE_FRAME_TIME,
            HEALTH_STATUS, ALERT_NOTIFICATIONS, ALERT_HEARTBEAT,
            WORKLOAD_IN_FLIGHT, WORKLOAD_QUEUE_DEPTH, WORKLOAD_THREADS, WORKLOAD_REJECTIONS, CONNECTIONS_DROPPED,
            PROCESS_RESIDENT_MEMORY, PROCESS_START_TIME, JVM_MEMORY_USED,
            UP, ALERTS, SCRAPE_DURATION,
            PROMETHEUS_ALERTMANAGERS_DISCOVERED, PROMETHEUS_NOTIFICATIONS_SENT, PROMETHEUS_NOTIFICATIONS_ERRORS,
            PROMETHEUS_NOTIFICATIONS_DROPPED, PROMETHEUS_NOTIFICATIONS_QUEUE_LENGTH,
            PROMETHEUS_NOTIFICATIONS_QUEUE_CAPACITY, PROMETHEUS_RULE_EVALUATION_FAILURES, PROMETHEUS_RULE_EVALUATIONS,
            PROMETHEUS_RULE_GROUP_MISSED, PROMETHEUS_RULE_GROUP_DURATION, PROMETHEUS_CONFIG_RELOAD_SUCCESSFUL,
            ALERTMANAGER_NOTIFICATIONS, ALERTMANAGER_NOTIFICATIONS_FAILED, ALERTMANAGER_CONFIG_RELOAD_SUCCESSFUL,
            ALERTMANAGER_CLUSTER_MEMBERS, ALERTMANAGER_ALERTS,
            NODE_FILESYSTEM_AVAIL, NODE_FILESYSTEM_SIZE, NODE_FILESYSTEM_READONLY, NODE_MEMORY_AVAILABLE,
            NODE_MEMORY_TOTAL, NODE_CPU_SECONDS, NODE_DISK_READ_BYTES, NODE_DISK_WRITTEN_BYTES, NODE_DISK_IO_TIME,
            NODE_NETWORK_RECEIVE_BYTES, NODE_NETWORK_TRANSMIT_BYTES);

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

    private static MetricDef external(String name, MetricType type, String help, Source source, String... labels) {
        return new MetricDef(name, type, help, Arrays.asList(labels), List.of(), source);
    }

    private Metrics() {
    }
}
