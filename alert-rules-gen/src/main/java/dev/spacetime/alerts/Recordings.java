package dev.spacetime.alerts;

import static dev.spacetime.alerts.promql.Expr.paren;
import static dev.spacetime.catalog.PromQL.eq;
import static dev.spacetime.catalog.PromQL.histogramQuantile;
import static dev.spacetime.catalog.PromQL.ne;
import static dev.spacetime.catalog.PromQL.rate;
import static dev.spacetime.catalog.PromQL.re;
import static dev.spacetime.catalog.PromQL.sumBy;
import static dev.spacetime.settings.PromDuration.duration;

import dev.spacetime.alerts.model.RecordingRule;
import dev.spacetime.alerts.model.Rule;
import dev.spacetime.alerts.model.RuleGroup;
import dev.spacetime.alerts.promql.Expr;
import dev.spacetime.catalog.AuthResult;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.MetricDef;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Slo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recording rules: the expensive expressions, computed once per evaluation and read by the alerts, their
 * runbooks' first queries and the dashboard's aggregating panels. Every rule selects the settings' scope and keeps
 * its labels (job, and the cluster label when set); the {@code instance_*} levels also keep {@code instance}, so
 * the dashboard can filter and split by instance, and the {@code job_*} levels sum them.
 * Names follow {@code level:metric:operations}; the metric part comes from the catalog. All rates use
 * {@link #RATE_WINDOW}; the SLO ratios exist for every burn-rate window.
 */
public final class Recordings {

    /** The rate window of every non-SLO recording (4 scrapes of 15 s fit in it many times over). */
    public static final Duration RATE_WINDOW = Duration.ofMinutes(5);

    /** {@code status} values counted as failures: server errors. 4xx is the client's fault and not an outage. */
    public static final String SERVER_ERROR_STATUS = "5..";

    private static final String INSTANCE = Labels.INSTANCE;
    private static final String ENDPOINT = Labels.ENDPOINT;
    private static final String RATE_WINDOW_S = duration(RATE_WINDOW);
    private static final String RATE = "rate" + RATE_WINDOW_S;

    // --- HTTP request rates (requests/s) ----------------------------------------------------------------------

    /** Requests/s per instance and endpoint. */
    public static final String INSTANCE_ENDPOINT_REQUESTS_RATE =
            recordName("instance_endpoint", Metrics.HTTP_REQUESTS, "", RATE);
    /** 5xx answers/s per instance and endpoint (0, not absent, when there are none). */
    public static final String INSTANCE_ENDPOINT_ERRORS_RATE =
            recordName("instance_endpoint", Metrics.HTTP_REQUESTS, "_errors", RATE);
    /** Requests/s per endpoint. */
    public static final String JOB_ENDPOINT_REQUESTS_RATE = recordName("job_endpoint", Metrics.HTTP_REQUESTS, "", RATE);
    /** Requests/s per status code (a runbook query of HighHTTPErrorRate). */
    public static final String JOB_STATUS_REQUESTS_RATE = recordName("job_status", Metrics.HTTP_REQUESTS, "", RATE);
    /** Requests/s of the whole API. */
    public static final String JOB_REQUESTS_RATE = recordName("job", Metrics.HTTP_REQUESTS, "", RATE);
    /** 5xx answers/s per endpoint (0, not absent, when there are none). */
    public static final String JOB_ENDPOINT_ERRORS_RATE =
            recordName("job_endpoint", Metrics.HTTP_REQUESTS, "_errors", RATE);
    /** 5xx answers/s of the whole API. */
    public static final String JOB_ERRORS_RATE = recordName("job", Metrics.HTTP_REQUESTS, "_errors", RATE);
    /** Share of requests answered 5xx, per endpoint. */
    public static final String JOB_ENDPOINT_ERROR_RATIO =
            recordName("job_endpoint", Metrics.HTTP_REQUESTS, "_errors", "ratio_" + RATE);
    /** Share of requests answered 5xx, whole API (also the 5m availability SLO window). */
    public static final String JOB_ERROR_RATIO = errorRatio(RATE_WINDOW);

    // --- HTTP latency -----------------------------------------------------------------------------------------

    /** Bucket rates per instance, endpoint and {@code le}: the dashboard's per-instance latency. */
    public static final String INSTANCE_ENDPOINT_LE_LATENCY_BUCKET_RATE = recordName("instance_endpoint_le",
            Metrics.HTTP_REQUEST_DURATION.bucket(), "", RATE);
    /** Bucket rates per endpoint and {@code le}: the input of every latency quantile. */
    public static final String JOB_ENDPOINT_LE_LATENCY_BUCKET_RATE = recordName("job_endpoint_le",
            Metrics.HTTP_REQUEST_DURATION.bucket(), "", RATE);
    /** Bucket rates per {@code le}, whole API. */
    public static final String JOB_LE_LATENCY_BUCKET_RATE = recordName("job_le",
            Metrics.HTTP_REQUEST_DURATION.bucket(), "", RATE);

    /** The recorded latency quantiles; each exists per endpoint and for the whole API. */
    public enum LatencyQuantile {
        P50(0.5),
        P90(0.9),
        P95(0.95),
        P99(0.99);

        private final double quantile;

        LatencyQuantile(double quantile) {
            this.quantile = quantile;
        }

        public double quantile() {
            return quantile;
        }

        /** E.g. {@code job_endpoint:http_request_duration_seconds:p99_rate5m} (seconds, per endpoint). */
        public String jobEndpointRecord() {
            return recordName("job_endpoint", Metrics.HTTP_REQUEST_DURATION.name(), "", operation());
        }

        /** E.g. {@code job:http_request_duration_seconds:p99_rate5m} (seconds, whole API). */
        public String jobRecord() {
            return recordName("job", Metrics.HTTP_REQUEST_DURATION.name(), "", operation());
        }

        private String operation() {
            return name().toLowerCase(Locale.ROOT) + "_" + RATE;
        }
    }

    // --- Scenes, auth, rate limiting -------------------------------------------------------------------------

    /** Successful scene loads/s. */
    public static final String JOB_SCENE_LOADS_RATE = recordName("job", Metrics.SCENE_LOADS, "", RATE);
    /** Failed scene loads/s. */
    public static final String JOB_SCENE_LOAD_ERRORS_RATE = recordName("job", Metrics.SCENE_LOAD_ERRORS, "", RATE);
    /** Scene load attempts/s: loads + errors. */
    public static final String JOB_SCENE_LOAD_ATTEMPTS_RATE =
            recordName("job", Metrics.SCENE_LOADS.baseName().replace("loads", "load_attempts"), "", RATE);
    /** errors / (loads + errors). */
    public static final String JOB_SCENE_LOAD_ERROR_RATIO =
            recordName("job", Metrics.SCENE_LOAD_ERRORS, "", "ratio_" + RATE);
    /** Token checks/s per result. */
    public static final String JOB_RESULT_AUTH_ATTEMPTS_RATE =
            recordName("job_result", Metrics.AUTH_ATTEMPTS, "", RATE);
    /** Failed token checks/s (every result but success). */
    public static final String JOB_AUTH_FAILURES_RATE = recordName("job", Metrics.AUTH_ATTEMPTS, "_failed", RATE);
    /** 429 answers/s per endpoint. */
    public static final String JOB_ENDPOINT_RATE_LIMIT_HITS_RATE =
            recordName("job_endpoint", Metrics.RATE_LIMIT_HITS, "", RATE);
    /** 429 answers/s, whole API. */
    public static final String JOB_RATE_LIMIT_HITS_RATE = recordName("job", Metrics.RATE_LIMIT_HITS, "", RATE);

    /** Share of requests answered 5xx over {@code window}: the availability SLO's bad-event ratio. */
    public static String errorRatio(Duration window) {
        return recordName("job", Metrics.HTTP_REQUESTS, "_errors", "ratio_rate" + duration(window));
    }

    /** Share of requests slower than the latency objective over {@code window}. */
    public static String slowRatio(Duration window) {
        return recordName("job", Metrics.HTTP_REQUESTS, "_slow", "ratio_rate" + duration(window));
    }

    /** Every recording group, in file order. */
    public static List<RuleGroup> groups(Settings settings) {
        Scope scope = settings.scope();
        return List.of(httpRates(scope), httpLatency(scope), appRates(scope), sloRatios(scope, settings.slo()));
    }

    private static RuleGroup httpRates(Scope scope) {
        String requests = Metrics.HTTP_REQUESTS.name();
        return new RuleGroup("spacetime_api.http_rates", List.of(
                new RecordingRule(INSTANCE_ENDPOINT_REQUESTS_RATE, sumBy(rate(scope.select(requests), RATE_WINDOW_S),
                        scope.by(INSTANCE, ENDPOINT))),
                new RecordingRule(JOB_ENDPOINT_REQUESTS_RATE, sumBy(INSTANCE_ENDPOINT_REQUESTS_RATE,
                        scope.by(ENDPOINT))),
                new RecordingRule(JOB_STATUS_REQUESTS_RATE, sumBy(rate(scope.select(requests), RATE_WINDOW_S),
                        scope.by(Labels.STATUS))),
                new RecordingRule(JOB_REQUESTS_RATE, sumBy(JOB_ENDPOINT_REQUESTS_RATE, scope.by())),
                // "or ... * 0": an endpoint without any 5xx yet has ratio 0, not a missing series.
                new RecordingRule(INSTANCE_ENDPOINT_ERRORS_RATE, Expr.or(
                        sumBy(rate(scope.select(requests, re(Labels.STATUS, SERVER_ERROR_STATUS)), RATE_WINDOW_S),
                                scope.by(INSTANCE, ENDPOINT)),
                        INSTANCE_ENDPOINT_REQUESTS_RATE + " * 0")),
                new RecordingRule(JOB_ENDPOINT_ERRORS_RATE, sumBy(INSTANCE_ENDPOINT_ERRORS_RATE, scope.by(ENDPOINT))),
                new RecordingRule(JOB_ERRORS_RATE, sumBy(JOB_ENDPOINT_ERRORS_RATE, scope.by())),
                new RecordingRule(JOB_ENDPOINT_ERROR_RATIO, JOB_ENDPOINT_ERRORS_RATE + " / "
                        + JOB_ENDPOINT_REQUESTS_RATE),
                new RecordingRule(JOB_ERROR_RATIO, JOB_ERRORS_RATE + " / " + JOB_REQUESTS_RATE)));
    }

    private static RuleGroup httpLatency(Scope scope) {
        List<Rule> rules = new ArrayList<>();
        rules.add(new RecordingRule(INSTANCE_ENDPOINT_LE_LATENCY_BUCKET_RATE, sumBy(
                rate(scope.select(Metrics.HTTP_REQUEST_DURATION.bucket()), RATE_WINDOW_S),
                scope.by(INSTANCE, ENDPOINT, Labels.LE))));
        rules.add(new RecordingRule(JOB_ENDPOINT_LE_LATENCY_BUCKET_RATE,
                sumBy(INSTANCE_ENDPOINT_LE_LATENCY_BUCKET_RATE, scope.by(ENDPOINT, Labels.LE))));
        rules.add(new RecordingRule(JOB_LE_LATENCY_BUCKET_RATE,
                sumBy(JOB_ENDPOINT_LE_LATENCY_BUCKET_RATE, scope.by(Labels.LE))));
        for (LatencyQuantile q : LatencyQuantile.values()) {
            rules.add(new RecordingRule(q.jobEndpointRecord(),
                    histogramQuantile(q.quantile(),
                            JOB_ENDPOINT_LE_LATENCY_BUCKET_RATE)));
        }
        for (LatencyQuantile q : LatencyQuantile.values()) {
            rules.add(new RecordingRule(q.jobRecord(),
                    histogramQuantile(q.quantile(), JOB_LE_LATENCY_BUCKET_RATE)));
        }
        return new RuleGroup("spacetime_api.http_latency", rules);
    }

    private static RuleGroup appRates(Scope scope) {
        return new RuleGroup("spacetime_api.app_rates", List.of(
                new RecordingRule(JOB_SCENE_LOADS_RATE,
                        sumBy(rate(scope.select(Metrics.SCENE_LOADS.name()), RATE_WINDOW_S), scope.by())),
                new RecordingRule(JOB_SCENE_LOAD_ERRORS_RATE,
                        sumBy(rate(scope.select(Metrics.SCENE_LOAD_ERRORS.name()), RATE_WINDOW_S), scope.by())),
                new RecordingRule(JOB_SCENE_LOAD_ATTEMPTS_RATE,
                        JOB_SCENE_LOADS_RATE + " + " + JOB_SCENE_LOAD_ERRORS_RATE),
                new RecordingRule(JOB_SCENE_LOAD_ERROR_RATIO,
                        JOB_SCENE_LOAD_ERRORS_RATE + " / " + JOB_SCENE_LOAD_ATTEMPTS_RATE),
                new RecordingRule(JOB_RESULT_AUTH_ATTEMPTS_RATE,
                        sumBy(rate(scope.select(Metrics.AUTH_ATTEMPTS.name()), RATE_WINDOW_S),
                                scope.by(Labels.RESULT))),
                new RecordingRule(JOB_AUTH_FAILURES_RATE, sumBy(rate(scope.select(Metrics.AUTH_ATTEMPTS.name(),
                        ne(Labels.RESULT, AuthResult.SUCCESS.label())), RATE_WINDOW_S), scope.by())),
                new RecordingRule(JOB_ENDPOINT_RATE_LIMIT_HITS_RATE,
                        sumBy(rate(scope.select(Metrics.RATE_LIMIT_HITS.name()), RATE_WINDOW_S), scope.by(ENDPOINT))),
                new RecordingRule(JOB_RATE_LIMIT_HITS_RATE, sumBy(JOB_ENDPOINT_RATE_LIMIT_HITS_RATE, scope.by()))));
    }

    private static RuleGroup sloRatios(Scope scope, Slo slo) {
        String requests = Metrics.HTTP_REQUESTS.name();
        String good = scope.select(Metrics.HTTP_REQUEST_DURATION.bucket(), eq(Labels.LE,
                Expr.leLabel(slo.latencyThresholdSeconds())));
        String all = scope.select(Metrics.HTTP_REQUEST_DURATION.count());
        String[] job = scope.by();
        List<Rule> rules = new ArrayList<>();
        for (Duration w : slo.windows()) {
            String window = duration(w);
            if (!w.equals(RATE_WINDOW)) {
                rules.add(new RecordingRule(errorRatio(w),
                        sumBy(rate(scope.select(requests, re(Labels.STATUS, SERVER_ERROR_STATUS)), window), job)
                                + "\n/\n" + sumBy(rate(scope.select(requests), window), job)));
            }
            rules.add(new RecordingRule(slowRatio(w), "1 - " + paren(
                    sumBy(rate(good, window), job) + "\n/\n" + sumBy(rate(all, window), job))));
        }
        return new RuleGroup("spacetime_api.slo_ratios", rules);
    }

    private static String recordName(String level, MetricDef metric, String qualifier, String operations) {
        return recordName(level, metric.baseName(), qualifier, operations);
    }

    private static String recordName(String level, String metric, String qualifier, String operations) {
        return level + ":" + metric + qualifier + ":" + operations;
    }

    private Recordings() {
    }
}
