package dev.spacetime.dashboard;

import static dev.spacetime.dashboard.Panels.q;
import static dev.spacetime.dashboard.Panels.withExemplars;
import static dev.spacetime.dashboard.Queries.ENDPOINT_FILTER;
import static dev.spacetime.dashboard.Queries.NO_LABELS;
import static dev.spacetime.dashboard.Queries.by;
import static dev.spacetime.dashboard.Queries.orZero;
import static dev.spacetime.dashboard.Queries.quantile;
import static dev.spacetime.dashboard.Queries.ratio;
import static dev.spacetime.dashboard.Queries.rateOf;
import static dev.spacetime.dashboard.Queries.statusClass;
import static dev.spacetime.dashboard.Queries.sumRate;
import static dev.spacetime.dashboard.Queries.topk;
import static dev.spacetime.dashboard.layout.GridLayout.cell;

import dev.spacetime.catalog.HealthState;
import dev.spacetime.catalog.Jobs;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.catalog.PromQL;
import dev.spacetime.dashboard.layout.GridLayout;
import dev.spacetime.dashboard.layout.GridLayout.Section;
import dev.spacetime.dashboard.model.Annotation;
import dev.spacetime.dashboard.model.Dashboard;
import dev.spacetime.dashboard.model.DataSourceRef;
import dev.spacetime.dashboard.model.Reducer;
import dev.spacetime.dashboard.model.ThresholdSteps;
import dev.spacetime.dashboard.model.ValueMapping;
import dev.spacetime.dashboard.model.Variable;
import dev.spacetime.dashboard.model.Visualization;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The "HTTP API Overview" dashboard of SPEC.md: its variables, annotation, panels and their arrangement. */
public final class HttpApiOverview {

    public static final String UID = "spacetime-http-api";
    public static final String TITLE = "HTTP API Overview";
    /** Grafana folder the provider files it under. */
    public static final String FOLDER = "SpaceTime VR";
    /** File name under monitoring/grafana/dashboards/. */
    public static final String FILE_NAME = "http_api_overview.json";

    /** Error rate (5xx share): green below 1 %, yellow below 5 % (the critical alert's threshold), red above. */
    static final ThresholdSteps ERROR_RATE = ThresholdSteps.base("green").then(0.01, "yellow").then(0.05, "red");
    /** Latency: green below 100 ms, yellow below 500 ms (the slow-request warning), red above. */
    static final ThresholdSteps LATENCY = ThresholdSteps.base("green").then(0.1, "yellow").then(0.5, "red");
    /** Scene loads: the target is 95 % success. */
    static final ThresholdSteps SCENE_SUCCESS = ThresholdSteps.base("red").then(0.95, "green");
    /** Resident memory: the memory alerts warn at 800 MB and page at 1 GB. */
    static final ThresholdSteps MEMORY = ThresholdSteps.base("green").then(800e6, "yellow").then(1e9, "red");

    /** Shown by ratio and quantile panels when no request fell in the window (they return no series then). */
    private static final String NO_REQUESTS = "no requests";
    private static final String API_JOB = PromQL.eq(Labels.JOB, Jobs.API);
    private static final String FIRING = PromQL.eq("alertstate", "firing");
    private static final String HEAP = PromQL.eq("area", "heap");

    /** The whole dashboard. */
    public static Dashboard dashboard() {
        return new Dashboard(
                new Dashboard.Annotations(List.of(deployments())),
                "Traffic, errors, latency, scenes, auth and resources of the SpaceTime VR HTTP API.",
                false, 1, GridLayout.place(sections()), "10s", GrafanaVersion.SCHEMA_VERSION,
                List.of("spacetime", "http", "api"),
                new Dashboard.Templating(List.of(datasourceVariable(), endpointVariable())),
                new Dashboard.TimeRange("now-1h", "now"), "browser", TITLE, UID, 1);
    }

    static List<Section> sections() {
        return List.of(
                Section.of("Overview",
                        cell(6, 5, errorRate()), cell(6, 5, activeConnections()),
                        cell(6, 5, latencySummary()), cell(6, 5, sceneLoadSuccess())),
                Section.of("Traffic and latency",
                        cell(12, 8, requestRate()), cell(12, 8, latencyPercentiles())),
                Section.of("Endpoints",
                        cell(8, 8, topEndpointsByRequests()), cell(8, 8, topEndpointsByP95()),
                        cell(8, 8, rateLimitHits()),
                        cell(24, 8, payloadSizes())),
                Section.of("Scenes",
                        cell(12, 8, sceneOperations()), cell(6, 8, sceneLoadErrors()), cell(6, 8, engineFps())),
                Section.of("Auth and runtime",
                        cell(9, 8, authAttempts()), cell(9, 8, memory()), cell(6, 8, health())),
                Section.of("Alerts",
                        cell(24, 8, firingAlerts())));
    }

    // --- Traffic and errors --------------------------------------------------------------------------------------

    static Visualization requestRate() {
        String requests = Metrics.HTTP_REQUESTS.name();
        return Panels.timeseries("Request rate", "Requests per second, all and by status class.",
                FieldSpec.unit("reqps"),
                q(sumRate(NO_LABELS, requests, ENDPOINT_FILTER), "total"),
                q(sumRate(NO_LABELS, requests, ENDPOINT_FILTER, statusClass(2)), "2xx"),
                q(sumRate(NO_LABELS, requests, ENDPOINT_FILTER, statusClass(4)), "4xx"),
                q(sumRate(NO_LABELS, requests, ENDPOINT_FILTER, statusClass(5)), "5xx"));
    }

    static Visualization errorRate() {
        String requests = Metrics.HTTP_REQUESTS.name();
        return Panels.stat("Error rate", "Share of responses with a 5xx status.",
                FieldSpec.unit("percentunit").thresholds(ERROR_RATE).decimals(2).noValue(NO_REQUESTS),
                q(ratio(orZero(sumRate(NO_LABELS, requests, ENDPOINT_FILTER, statusClass(5))),
                        sumRate(NO_LABELS, requests, ENDPOINT_FILTER)), "5xx"));
    }

    static Visualization activeConnections() {
        return Panels.stat("Active connections", "Open client TCP connections.", FieldSpec.unit("short"),
                q(PromQL.sum(PromQL.select(Metrics.ACTIVE_CONNECTIONS.name(), API_JOB)), "connections"));
    }

    // --- Latency -------------------------------------------------------------------------------------------------

    static Visualization latencyPercentiles() {
        var d = Metrics.HTTP_REQUEST_DURATION;
        return Panels.timeseries("Latency percentiles", "Request latency quantiles from the histogram."
                        + " Dots are exemplars: one request per bucket, whose request_id opens its flame graph.",
                FieldSpec.unit("s").thresholds(LATENCY),
                withExemplars(q(quantile(0.5, d, NO_LABELS, ENDPOINT_FILTER), "p50")),
                withExemplars(q(quantile(0.9, d, NO_LABELS, ENDPOINT_FILTER), "p90")),
                withExemplars(q(quantile(0.95, d, NO_LABELS, ENDPOINT_FILTER), "p95")),
                withExemplars(q(quantile(0.99, d, NO_LABELS, ENDPOINT_FILTER), "p99")));
    }

    static Visualization latencySummary() {
        var d = Metrics.HTTP_REQUEST_DURATION;
        String mean = ratio(PromQL.sum(rateOf(d.sum(), ENDPOINT_FILTER)),
                PromQL.sum(rateOf(d.count(), ENDPOINT_FILTER)));
        return Panels.stat("Latency summary", "Mean, median and tail latency right now.",
                FieldSpec.unit("s").thresholds(LATENCY).noValue(NO_REQUESTS),
                q(mean, "mean"),
                q(quantile(0.5, d, NO_LABELS, ENDPOINT_FILTER), "p50"),
                q(quantile(0.95, d, NO_LABELS, ENDPOINT_FILTER), "p95"),
                q(quantile(0.99, d, NO_LABELS, ENDPOINT_FILTER), "p99"));
    }

    // --- Endpoints -----------------------------------------------------------------------------------------------

    static Visualization topEndpointsByRequests() {
        return Panels.barGauge("Top endpoints by requests", "The ten busiest route templates.",
                FieldSpec.unit("reqps"),
                q(topk(10, sumRate(by(Labels.ENDPOINT), Metrics.HTTP_REQUESTS.name(), ENDPOINT_FILTER)),
                        "{{endpoint}}"));
    }

    static Visualization topEndpointsByP95() {
        return Panels.barGauge("Top endpoints by p95 latency", "The ten slowest route templates at the 95th percentile.",
                FieldSpec.unit("s").thresholds(LATENCY).noValue(NO_REQUESTS),
                q(topk(10, quantile(0.95, Metrics.HTTP_REQUEST_DURATION, by(Labels.ENDPOINT), ENDPOINT_FILTER)),
                        "{{endpoint}}"));
    }

    static Visualization rateLimitHits() {
        return Panels.timeseries("Rate-limit hits by endpoint", "Requests rejected with 429, per route template.",
                FieldSpec.unit("reqps"),
                q(sumRate(by(Labels.ENDPOINT), Metrics.RATE_LIMIT_HITS.name(), ENDPOINT_FILTER), "{{endpoint}}"));
    }

    static Visualization payloadSizes() {
        return Panels.timeseries("Request / response size p95", "95th percentile of body sizes.",
                FieldSpec.unit("bytes"),
                q(quantile(0.95, Metrics.HTTP_REQUEST_SIZE, NO_LABELS, ENDPOINT_FILTER), "request p95"),
                q(quantile(0.95, Metrics.HTTP_RESPONSE_SIZE, NO_LABELS, ENDPOINT_FILTER), "response p95"));
    }

    // --- Scenes and engine ---------------------------------------------------------------------------------------

    static Visualization sceneOperations() {
        return Panels.timeseries("Scene operations", "Scene loads per second: successes and failures.",
                FieldSpec.unit("ops"),
                q(sumRate(NO_LABELS, Metrics.SCENE_LOADS.name()), "loaded"),
                q(sumRate(NO_LABELS, Metrics.SCENE_LOAD_ERRORS.name()), "failed"));
    }

    static Visualization sceneLoadSuccess() {
        String ok = sumRate(NO_LABELS, Metrics.SCENE_LOADS.name());
        String failed = sumRate(NO_LABELS, Metrics.SCENE_LOAD_ERRORS.name());
        return Panels.gauge("Scene load success rate", "Share of scene loads that succeeded; the target is 95 %.",
                FieldSpec.unit("percentunit").thresholds(SCENE_SUCCESS).range(0, 1).decimals(1).noValue("no loads"),
                q(ratio(ok, "(" + ok + " + " + failed + ")"), "success"));
    }

    static Visualization sceneLoadErrors() {
        return Panels.pieChart("Scene load errors by type", "Failed scene loads over the time range, by cause.",
                FieldSpec.unit("cps"), Reducer.MEAN,
                q(sumRate(by(Labels.ERROR_TYPE), Metrics.SCENE_LOAD_ERRORS.name()), "{{error_type}}"));
    }

    static Visualization engineFps() {
        return Panels.timeseries("Engine FPS", "Measured scene runtime tick rate against its target.",
                FieldSpec.unit("suffix: fps"),
                q(PromQL.select(Metrics.ENGINE_FPS.name(), API_JOB), "measured"),
                q(PromQL.select(Metrics.ENGINE_TARGET_FPS.name(), API_JOB), "target"));
    }

    // --- Auth and runtime ----------------------------------------------------------------------------------------

    static Visualization authAttempts() {
        return Panels.timeseries("Auth attempts", "Bearer token checks per second, by result.",
                FieldSpec.unit("reqps"),
                q(sumRate(by(Labels.RESULT), Metrics.AUTH_ATTEMPTS.name()), "{{result}}"));
    }

    static Visualization memory() {
        return Panels.timeseries("Memory", "Resident set size of the server process and its JVM heap.",
                FieldSpec.unit("bytes").thresholds(MEMORY),
                q(PromQL.select(Metrics.PROCESS_RESIDENT_MEMORY.name(), API_JOB), "resident"),
                q(PromQL.sum(PromQL.select(Metrics.JVM_MEMORY_USED.name(), API_JOB, HEAP)), "JVM heap used"));
    }

    /** Health per subsystem as 0 healthy, 1 degraded, 2 unhealthy, from the one-hot {@code health_status}. */
    static Visualization health() {
        String severity = Arrays.stream(HealthState.values()).filter(s -> s.ordinal() > 0)
                .map(s -> s.ordinal() + " * " + PromQL.sumBy(PromQL.select(Metrics.HEALTH_STATUS.name(), API_JOB,
                        PromQL.eq(Labels.STATE, s.label())), Labels.SUBSYSTEM))
                .collect(Collectors.joining(" + "));
        String[] texts = Arrays.stream(HealthState.values())
                .map(s -> s.label().substring(0, 1).toUpperCase(Locale.ROOT) + s.label().substring(1))
                .toArray(String[]::new);
        return Panels.stat("Health", "Current state of each subsystem (overall is the worst).",
                FieldSpec.unit("none")
                        .thresholds(ThresholdSteps.base("green").then(1, "yellow").then(2, "red"))
                        .mappings(ValueMapping.ordinal(texts, new String[] {"green", "yellow", "red"})),
                q(severity, "{{subsystem}}"));
    }

    // --- Alerts --------------------------------------------------------------------------------------------------

    static Visualization firingAlerts() {
        return Panels.table("Firing alerts", "Alerts Prometheus is firing now.", FieldSpec.unit("none"),
                List.of("Time", "Value", "__name__", "alertstate"),
                PromQL.select(Metrics.ALERTS.name(), FIRING));
    }

    // --- Variables and annotations -------------------------------------------------------------------------------

    /** Deployments: the server's start time changed, i.e. it restarted (SPEC.md's annotation, for our job only). */
    static Annotation deployments() {
        String expr = "changes(" + PromQL.select(Metrics.PROCESS_START_TIME.name(), API_JOB) + "[1m]) > 0";
        return new Annotation(DataSourceRef.VARIABLE, true, expr, false, "blue", "Deployments", "1m",
                Labels.INSTANCE, "Restart");
    }

    static Variable datasourceVariable() {
        return new Variable.Datasource(new Variable.Current(Provisioning.DATASOURCE_NAME, Provisioning.DATASOURCE_UID), 0, "Data source",
                "datasource", DataSourceRef.PROMETHEUS, 1, "");
    }

    static Variable endpointVariable() {
        String query = "label_values(" + Metrics.HTTP_REQUESTS.name() + ", " + Labels.ENDPOINT + ")";
        return new Variable.Query(".*", new Variable.Current(List.of("All"), List.of("$__all")),
                DataSourceRef.VARIABLE, query, 0, true, "Endpoint", true, Queries.ENDPOINT_VARIABLE, List.of(),
                query, 2, "", 1);
    }

    private HttpApiOverview() {
    }
}
