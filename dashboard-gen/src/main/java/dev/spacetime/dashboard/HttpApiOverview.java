package dev.spacetime.dashboard;

import static dev.spacetime.dashboard.Panels.q;
import static dev.spacetime.dashboard.Panels.withExemplars;
import static dev.spacetime.dashboard.Queries.ENDPOINT_FILTER;
import static dev.spacetime.dashboard.Queries.NO_LABELS;
import static dev.spacetime.dashboard.Queries.by;
import static dev.spacetime.dashboard.Queries.quantile;
import static dev.spacetime.dashboard.Queries.rateOf;
import static dev.spacetime.dashboard.Queries.ratio;
import static dev.spacetime.dashboard.Queries.recordedQuantile;
import static dev.spacetime.dashboard.Queries.statusClass;
import static dev.spacetime.dashboard.Queries.sumRate;
import static dev.spacetime.dashboard.Queries.topk;
import static dev.spacetime.dashboard.layout.GridLayout.cell;
import static dev.spacetime.settings.PromDuration.duration;

import dev.spacetime.alerts.Recordings;
import dev.spacetime.catalog.HealthState;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.catalog.PromQL;
import dev.spacetime.dashboard.layout.GridLayout.Section;
import dev.spacetime.dashboard.layout.GridLayout;
import dev.spacetime.dashboard.model.Annotation;
import dev.spacetime.dashboard.model.Dashboard;
import dev.spacetime.dashboard.model.DataSourceRef;
import dev.spacetime.dashboard.model.Reducer;
import dev.spacetime.dashboard.model.ThresholdSteps;
import dev.spacetime.dashboard.model.ValueMapping;
import dev.spacetime.dashboard.model.Variable;
import dev.spacetime.dashboard.model.Visualization;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Thresholds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The "HTTP API Overview" dashboard of SPEC.md: its variables, annotation, panels and their arrangement, for the
 * {@link Settings}' scope and thresholds. Every query selects the {@code job} and {@code instance} variables (and
 * the cluster label's, when the scope has one); panels where one instance can hide behind a fleet's average show
 * one series per instance; aggregating panels read the recording rules where one exists. The last two rows watch
 * the stack itself ({@link HostPanels}, {@link PipelinePanels}).
 */
public final class HttpApiOverview {

    public static final String UID = "spacetime-http-api";
    public static final String TITLE = "HTTP API Overview";
    /** Grafana folder the provider files it under. */
    public static final String FOLDER = "SpaceTime VR";
    /** File name under monitoring/grafana/dashboards/. */
    public static final String FILE_NAME = "http_api_overview.json";

    /** Scene loads: the target is 95 % success (SPEC.md; no alert). */
    static final ThresholdSteps SCENE_SUCCESS = ThresholdSteps.base("red").then(0.95, "green");
    /** Below the red step, values turn yellow at this fraction of it (1/5): a sign before the alert. */
    private static final double YELLOW_DIVISOR = 5;

    /** Shown by ratio and quantile panels when no request fell in the window (they return no series then). */
    private static final String NO_REQUESTS = "no requests";
    private static final String FIRING = PromQL.eq("alertstate", "firing");
    private static final String HEAP = PromQL.eq("area", "heap");

    private final Settings settings;
    /** The variables' matchers every selector carries: cluster (when set), job, instance. */
    private final String[] api;

    private HttpApiOverview(Settings settings) {
        this.settings = settings;
        this.api = Queries.scopeFilter(settings.scope());
    }

    /** The dashboard of the default settings: what monitoring/grafana/ holds. */
    public static Dashboard dashboard() {
        return dashboard(Settings.defaults());
    }

    /** The whole dashboard for {@code settings}. */
    public static Dashboard dashboard(Settings settings) {
        return new HttpApiOverview(settings).build();
    }

    /** Error rate (5xx share): red from the HighHTTPErrorRate threshold on, yellow from a fifth of it. */
    static ThresholdSteps errorRateSteps(Thresholds t) {
        return redFrom(t.httpErrorRatio());
    }

    /** Latency: red from the SlowRequestLatency threshold (p95) on, yellow from a fifth of it. */
    static ThresholdSteps latencySteps(Thresholds t) {
        return redFrom(t.warningLatencyP95Seconds());
    }

    /** Resident memory: yellow from HighMemoryUsage's threshold, red from CriticalMemoryUsage's. */
    static ThresholdSteps memorySteps(Thresholds t) {
        return ThresholdSteps.base("green").then(t.warningMemoryBytes(), "yellow").then(t.criticalMemoryBytes(), "red");
    }

    private static ThresholdSteps redFrom(double alertThreshold) {
        return ThresholdSteps.base("green").then(alertThreshold / YELLOW_DIVISOR, "yellow").then(alertThreshold, "red");
    }

    private Dashboard build() {
        return new Dashboard(
                new Dashboard.Annotations(List.of(deployments())),
                "Traffic, errors, latency, scenes, auth and resources of the SpaceTime VR HTTP API, its hosts and its "
                        + "monitoring pipeline.",
                false, 1, GridLayout.place(sections()), "10s", GrafanaVersion.SCHEMA_VERSION,
                List.of("spacetime", "http", "api"),
                new Dashboard.Templating(variables()),
                new Dashboard.TimeRange("now-1h", "now"), "browser", TITLE, UID, 1);
    }

    List<Section> sections() {
        return List.of(
                Section.of("Overview",
                        cell(6, 5, errorRate()), cell(6, 5, activeConnections()),
                        cell(6, 5, latencySummary()), cell(6, 5, sceneLoadSuccess())),
                Section.of("Traffic and latency",
                        cell(12, 8, requestRate()), cell(12, 8, latencyPercentiles())),
                Section.of("Instances",
                        cell(12, 8, errorRateByInstance()), cell(12, 8, latencyByInstance())),
                Section.of("Endpoints",
                        cell(8, 8, topEndpointsByRequests()), cell(8, 8, topEndpointsByP95()),
                        cell(8, 8, rateLimitHits()),
                        cell(24, 8, payloadSizes())),
                Section.of("Scenes",
                        cell(12, 8, sceneOperations()), cell(6, 8, sceneLoadErrors()), cell(6, 8, engineFps())),
                Section.of("Auth and runtime",
                        cell(9, 8, authAttempts()), cell(9, 8, memory()), cell(6, 8, health())),
                new SloPanels(settings.scope()).section(settings.slos()),
                Section.of("Alerts",
                        cell(24, 8, firingAlerts())),
                new HostPanels(settings).section(),
                new PipelinePanels(settings).section());
    }

    // --- Traffic and errors --------------------------------------------------------------------------------------

    Visualization requestRate() {
        String requests = Metrics.HTTP_REQUESTS.name();
        return Panels.timeseries("Request rate", "Requests per second, all and by status class.",
                FieldSpec.unit("reqps"),
                q(sumRate(NO_LABELS, requests, m(ENDPOINT_FILTER)), "total"),
                q(sumRate(NO_LABELS, requests, m(ENDPOINT_FILTER, statusClass(2))), "2xx"),
                q(sumRate(NO_LABELS, requests, m(ENDPOINT_FILTER, statusClass(4))), "4xx"),
                q(sumRate(NO_LABELS, requests, m(ENDPOINT_FILTER, statusClass(5))), "5xx"));
    }

    Visualization errorRate() {
        return Panels.stat("Error rate", "Share of responses with a 5xx status (recorded over "
                        + duration(Recordings.RATE_WINDOW) + ").",
                FieldSpec.unit("percentunit").thresholds(errorRateSteps(settings.thresholds())).decimals(2)
                        .noValue(NO_REQUESTS),
                q(errorRatio(NO_LABELS), "5xx"));
    }

    /** One instance answering errors is diluted in the fleet's ratio; here it stands out. */
    Visualization errorRateByInstance() {
        return Panels.timeseries("Error rate by instance", "Share of responses with a 5xx status, per instance "
                        + "(recorded over " + duration(Recordings.RATE_WINDOW) + ").",
                FieldSpec.unit("percentunit").thresholds(errorRateSteps(settings.thresholds())).noValue(NO_REQUESTS),
                q(errorRatio(by(Labels.INSTANCE)), "{{instance}}"));
    }

    /** 5xx share from the instance-level recordings, kept apart by {@code by}. */
    private String errorRatio(String[] by) {
        return ratio(sumBy(by, Recordings.INSTANCE_ENDPOINT_ERRORS_RATE),
                sumBy(by, Recordings.INSTANCE_ENDPOINT_REQUESTS_RATE));
    }

    private String sumBy(String[] by, String recorded) {
        String series = PromQL.select(recorded, m(ENDPOINT_FILTER));
        return by.length == 0 ? PromQL.sum(series) : PromQL.sumBy(series, by);
    }

    Visualization activeConnections() {
        return Panels.stat("Active connections", "Open client TCP connections per instance.",
                FieldSpec.unit("short"),
                q(PromQL.sumBy(PromQL.select(Metrics.ACTIVE_CONNECTIONS.name(), api), Labels.INSTANCE),
                        "{{instance}}"));
    }

    // --- Latency -------------------------------------------------------------------------------------------------

    Visualization latencyPercentiles() {
        return Panels.timeseries("Latency percentiles", "Request latency quantiles; p50 to p95 from the recorded "
                        + "histogram rates (" + duration(Recordings.RATE_WINDOW) + "), p99 from the raw buckets, since"
                        + " Prometheus keeps exemplars on raw series only. Dots are exemplars: one request per bucket,"
                        + " whose request_id opens its flame graph.",
                FieldSpec.unit("s").thresholds(latencySteps(settings.thresholds())),
                q(latency(0.5, NO_LABELS), "p50"),
                q(latency(0.9, NO_LABELS), "p90"),
                q(latency(0.95, NO_LABELS), "p95"),
                withExemplars(q(rawLatency(0.99, NO_LABELS), "p99")));
    }

    /** A slow instance hides behind fast ones in the fleet's percentiles; here it stands out, with its exemplars. */
    Visualization latencyByInstance() {
        return Panels.timeseries("p95 latency by instance", "95th percentile of request latency per instance, "
                        + "from the raw buckets (their exemplars open the flame graph of a request).",
                FieldSpec.unit("s").thresholds(latencySteps(settings.thresholds())).noValue(NO_REQUESTS),
                withExemplars(q(rawLatency(0.95, by(Labels.INSTANCE)), "{{instance}}")));
    }

    /** Quantile {@code q} of the instance-level recorded bucket rates, kept apart by {@code by}. */
    private String latency(double q, String[] by) {
        return recordedQuantile(q, Recordings.INSTANCE_ENDPOINT_LE_LATENCY_BUCKET_RATE, by, m(ENDPOINT_FILTER));
    }

    /** Quantile {@code q} of the raw buckets: the series exemplars are stored on (recordings carry none). */
    private String rawLatency(double q, String[] by) {
        return quantile(q, Metrics.HTTP_REQUEST_DURATION, by, m(ENDPOINT_FILTER));
    }

    Visualization latencySummary() {
        var d = Metrics.HTTP_REQUEST_DURATION;
        String mean = ratio(PromQL.sum(rateOf(d.sum(), m(ENDPOINT_FILTER))),
                PromQL.sum(rateOf(d.count(), m(ENDPOINT_FILTER))));
        return Panels.stat("Latency summary", "Mean, median and tail latency right now.",
                FieldSpec.unit("s").thresholds(latencySteps(settings.thresholds())).noValue(NO_REQUESTS),
                q(mean, "mean"),
                q(latency(0.5, NO_LABELS), "p50"),
                q(latency(0.95, NO_LABELS), "p95"),
                q(latency(0.99, NO_LABELS), "p99"));
    }

    // --- Endpoints -----------------------------------------------------------------------------------------------

    Visualization topEndpointsByRequests() {
        return Panels.barGauge("Top endpoints by requests", "The ten busiest route templates.",
                FieldSpec.unit("reqps"),
                q(topk(10, sumBy(by(Labels.ENDPOINT), Recordings.INSTANCE_ENDPOINT_REQUESTS_RATE)), "{{endpoint}}"));
    }

    Visualization topEndpointsByP95() {
        return Panels.barGauge("Top endpoints by p95 latency", "The ten slowest route templates at the 95th percentile.",
                FieldSpec.unit("s").thresholds(latencySteps(settings.thresholds())).noValue(NO_REQUESTS),
                q(topk(10, latency(0.95, by(Labels.ENDPOINT))), "{{endpoint}}"));
    }

    Visualization rateLimitHits() {
        return Panels.timeseries("Rate-limit hits by endpoint", "Requests rejected with 429, per route template.",
                FieldSpec.unit("reqps"),
                q(sumRate(by(Labels.ENDPOINT), Metrics.RATE_LIMIT_HITS.name(), m(ENDPOINT_FILTER)), "{{endpoint}}"));
    }

    Visualization payloadSizes() {
        return Panels.timeseries("Request / response size p95", "95th percentile of body sizes.",
                FieldSpec.unit("bytes"),
                q(quantile(0.95, Metrics.HTTP_REQUEST_SIZE, NO_LABELS, m(ENDPOINT_FILTER)), "request p95"),
                q(quantile(0.95, Metrics.HTTP_RESPONSE_SIZE, NO_LABELS, m(ENDPOINT_FILTER)), "response p95"));
    }

    // --- Scenes and engine ---------------------------------------------------------------------------------------

    Visualization sceneOperations() {
        return Panels.timeseries("Scene operations", "Scene loads per second: successes and failures.",
                FieldSpec.unit("ops"),
                q(sumRate(NO_LABELS, Metrics.SCENE_LOADS.name(), api), "loaded"),
                q(sumRate(NO_LABELS, Metrics.SCENE_LOAD_ERRORS.name(), api), "failed"));
    }

    Visualization sceneLoadSuccess() {
        String ok = sumRate(NO_LABELS, Metrics.SCENE_LOADS.name(), api);
        String failed = sumRate(NO_LABELS, Metrics.SCENE_LOAD_ERRORS.name(), api);
        return Panels.gauge("Scene load success rate", "Share of scene loads that succeeded; the target is 95 %.",
                FieldSpec.unit("percentunit").thresholds(SCENE_SUCCESS).range(0, 1).decimals(1).noValue("no loads"),
                q(ratio(ok, "(" + ok + " + " + failed + ")"), "success"));
    }

    Visualization sceneLoadErrors() {
        return Panels.pieChart("Scene load errors by type", "Failed scene loads over the time range, by cause.",
                FieldSpec.unit("cps"), Reducer.MEAN,
                q(sumRate(by(Labels.ERROR_TYPE), Metrics.SCENE_LOAD_ERRORS.name(), api), "{{error_type}}"));
    }

    Visualization engineFps() {
        return Panels.timeseries("Engine FPS", "Measured scene runtime tick rate per instance against the target.",
                FieldSpec.unit("suffix: fps"),
                q(PromQL.select(Metrics.ENGINE_FPS.name(), api), "{{instance}}"),
                q("max(" + PromQL.select(Metrics.ENGINE_TARGET_FPS.name(), api) + ")", "target"));
    }

    // --- Auth and runtime ----------------------------------------------------------------------------------------

    Visualization authAttempts() {
        return Panels.timeseries("Auth attempts", "Bearer token checks per second, by result.",
                FieldSpec.unit("reqps"),
                q(sumRate(by(Labels.RESULT), Metrics.AUTH_ATTEMPTS.name(), api), "{{result}}"));
    }

    Visualization memory() {
        return Panels.timeseries("Memory", "Resident set size of each server process and its JVM heap.",
                FieldSpec.unit("bytes").thresholds(memorySteps(settings.thresholds())),
                q(PromQL.select(Metrics.PROCESS_RESIDENT_MEMORY.name(), api), "{{instance}} resident"),
                q(PromQL.sumBy(PromQL.select(Metrics.JVM_MEMORY_USED.name(), m(HEAP)), Labels.INSTANCE),
                        "{{instance}} JVM heap used"));
    }

    /** Health per instance and subsystem as 0 healthy, 1 degraded, 2 unhealthy, from the one-hot {@code health_status}. */
    Visualization health() {
        String severity = Arrays.stream(HealthState.values()).filter(s -> s.ordinal() > 0)
                .map(s -> s.ordinal() + " * " + PromQL.sumBy(PromQL.select(Metrics.HEALTH_STATUS.name(),
                        m(PromQL.eq(Labels.STATE, s.label()))), Labels.INSTANCE, Labels.SUBSYSTEM))
                .collect(Collectors.joining(" + "));
        String[] texts = Arrays.stream(HealthState.values())
                .map(s -> s.label().substring(0, 1).toUpperCase(Locale.ROOT) + s.label().substring(1))
                .toArray(String[]::new);
        return Panels.stat("Health", "Current state of each instance's subsystems (overall is the worst).",
                FieldSpec.unit("none")
                        .thresholds(ThresholdSteps.base("green").then(1, "yellow").then(2, "red"))
                        .mappings(ValueMapping.ordinal(texts, new String[] {"green", "yellow", "red"})),
                q(severity, "{{instance}} {{subsystem}}"));
    }

    // --- Alerts --------------------------------------------------------------------------------------------------

    /** Alerts of the selected jobs (every alert carries {@code job}); instance-level ones of the selected instances. */
    Visualization firingAlerts() {
        return Panels.table("Firing alerts", "Alerts Prometheus is firing now for the selected jobs.",
                FieldSpec.unit("none"), List.of("Time", "Value", "__name__", "alertstate"),
                PromQL.select(Metrics.ALERTS.name(), Queries.jobFilter(settings.scope(), FIRING)));
    }

    // --- Variables and annotations -------------------------------------------------------------------------------

    /** Deployments: the server's start time changed, i.e. it restarted (SPEC.md's annotation, for our job only). */
    Annotation deployments() {
        String expr = "changes(" + PromQL.select(Metrics.PROCESS_START_TIME.name(), api) + "[1m]) > 0";
        return new Annotation(DataSourceRef.VARIABLE, true, expr, false, "blue", "Deployments", "1m",
                Labels.INSTANCE, "Restart");
    }

    /** Data source, then the scope's labels (cluster when set, job), instance, endpoint and the Host row's host. */
    List<Variable> variables() {
        List<Variable> all = new ArrayList<>();
        all.add(new Variable.Datasource(new Variable.Current(Provisioning.DATASOURCE_NAME,
                Provisioning.DATASOURCE_UID), 0, "Data source", "datasource", DataSourceRef.PROMETHEUS, 1, ""));
        all.addAll(Queries.scopeVariables(settings.scope()));
        String query = "label_values(" + PromQL.select(Metrics.HTTP_REQUESTS.name(), api) + ", " + Labels.ENDPOINT
                + ")";
        all.add(Queries.queryVariable(Queries.ENDPOINT_VARIABLE, "Endpoint", query, ".*"));
        all.add(new HostPanels(settings).variable());
        return all;
    }

    /** The variables' matchers, then {@code extra}. */
    private String[] m(String... extra) {
        return Stream.concat(Arrays.stream(api), Arrays.stream(extra)).toArray(String[]::new);
    }
}
