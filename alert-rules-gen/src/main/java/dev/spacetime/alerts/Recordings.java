package dev.spacetime.alerts;

import static dev.spacetime.alerts.promql.Expr.api;
import static dev.spacetime.alerts.promql.Expr.duration;
import static dev.spacetime.alerts.promql.Expr.paren;
import static dev.spacetime.catalog.PromQL.eq;
import static dev.spacetime.catalog.PromQL.histogramQuantile;
import static dev.spacetime.catalog.PromQL.ne;
import static dev.spacetime.catalog.PromQL.rate;
import static dev.spacetime.catalog.PromQL.re;
import static dev.spacetime.catalog.PromQL.sumBy;

import dev.spacetime.alerts.model.RecordingRule;
import dev.spacetime.alerts.model.Rule;
import dev.spacetime.alerts.model.RuleGroup;
import dev.spacetime.alerts.promql.Expr;
import dev.spacetime.catalog.AuthResult;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.MetricDef;
import dev.spacetime.catalog.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recording rules: the expensive expressions, computed once per evaluation and read by the alerts and their
 * runbooks' first queries (the dashboard queries raw series).
 * Names follow {@code level:metric:operations}; the metric part comes from the catalog. All rates use
 * {@link #RATE_WINDOW}; the SLO ratios exist for every burn-rate window.
 */
public final class Recordings {

    /** The rate window of every non-SLO recording (4 scrapes of 15 s fit in it many times over). */
    public static final Duration RATE_WINDOW = Duration.ofMinutes(5);

    /** {@code status} values counted as failures: server errors. 4xx is the client's fault and not an outage. */
    public static final String SERVER_ERROR_STATUS = "5..";

    private static final String JOB = Labels.JOB;
    private static final String ENDPOINT = Labels.ENDPOINT;
    private static final String RATE_WINDOW_S = duration(RATE_WINDOW);
    private static final String RATE = "rate" + RATE_WINDOW_S;

    // --- HTTP request rates (requests/s) ----------------------------------------------------------------------

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
    public static List<RuleGroup> groups(Slo slo) {
        return List.of(httpRates(), httpLatency(), appRates(), sloRatios(slo));
    }

    private static RuleGroup httpRates() {
        String requests = Metrics.HTTP_REQUESTS.name();
        return new RuleGroup("spacetime_api.http_rates", List.of(
                new RecordingRule(JOB_ENDPOINT_REQUESTS_RATE, sumBy(rate(api(requests), RATE_WINDOW_S), JOB,
                        ENDPOINT)),
                new RecordingRule(JOB_STATUS_REQUESTS_RATE, sumBy(rate(api(requests), RATE_WINDOW_S), JOB,
                        Labels.STATUS)),
                new RecordingRule(JOB_REQUESTS_RATE, sumBy(JOB_ENDPOINT_REQUESTS_RATE, JOB)),
                // "or ... * 0": an endpoint without any 5xx yet has ratio 0, not a missing series.
                new RecordingRule(JOB_ENDPOINT_ERRORS_RATE, Expr.or(
                        sumBy(rate(api(requests, re(Labels.STATUS, SERVER_ERROR_STATUS)), RATE_WINDOW_S), JOB,
                                ENDPOINT),
                        JOB_ENDPOINT_REQUESTS_RATE + " * 0")),
                new RecordingRule(JOB_ERRORS_RATE, sumBy(JOB_ENDPOINT_ERRORS_RATE, JOB)),
                new RecordingRule(JOB_ENDPOINT_ERROR_RATIO, JOB_ENDPOINT_ERRORS_RATE + " / "
                        + JOB_ENDPOINT_REQUESTS_RATE),
                new RecordingRule(JOB_ERROR_RATIO, JOB_ERRORS_RATE + " / " + JOB_REQUESTS_RATE)));
    }

    private static RuleGroup httpLatency() {
        List<Rule> rules = new ArrayList<>();
        rules.add(new RecordingRule(JOB_ENDPOINT_LE_LATENCY_BUCKET_RATE, sumBy(
                rate(api(Metrics.HTTP_REQUEST_DURATION.bucket()), RATE_WINDOW_S), JOB, ENDPOINT, Labels.LE)));
        rules.add(new RecordingRule(JOB_LE_LATENCY_BUCKET_RATE,
                sumBy(JOB_ENDPOINT_LE_LATENCY_BUCKET_RATE, JOB, Labels.LE)));
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

    private static RuleGroup appRates() {
        return new RuleGroup("spacetime_api.app_rates", List.of(
                new RecordingRule(JOB_SCENE_LOADS_RATE,
                        sumBy(rate(api(Metrics.SCENE_LOADS.name()), RATE_WINDOW_S), JOB)),
                new RecordingRule(JOB_SCENE_LOAD_ERRORS_RATE,
                        sumBy(rate(api(Metrics.SCENE_LOAD_ERRORS.name()), RATE_WINDOW_S), JOB)),
                new RecordingRule(JOB_SCENE_LOAD_ATTEMPTS_RATE,
                        JOB_SCENE_LOADS_RATE + " + " + JOB_SCENE_LOAD_ERRORS_RATE),
                new RecordingRule(JOB_SCENE_LOAD_ERROR_RATIO,
                        JOB_SCENE_LOAD_ERRORS_RATE + " / " + JOB_SCENE_LOAD_ATTEMPTS_RATE),
                new RecordingRule(JOB_RESULT_AUTH_ATTEMPTS_RATE,
                        sumBy(rate(api(Metrics.AUTH_ATTEMPTS.name()), RATE_WINDOW_S), JOB, Labels.RESULT)),
                new RecordingRule(JOB_AUTH_FAILURES_RATE, sumBy(rate(api(Metrics.AUTH_ATTEMPTS.name(),
                        ne(Labels.RESULT, AuthResult.SUCCESS.label())), RATE_WINDOW_S), JOB)),
                new RecordingRule(JOB_ENDPOINT_RATE_LIMIT_HITS_RATE,
                        sumBy(rate(api(Metrics.RATE_LIMIT_HITS.name()), RATE_WINDOW_S), JOB, ENDPOINT)),
                new RecordingRule(JOB_RATE_LIMIT_HITS_RATE, sumBy(JOB_ENDPOINT_RATE_LIMIT_HITS_RATE, JOB))));
    }

    private static RuleGroup sloRatios(Slo slo) {
        String requests = Metrics.HTTP_REQUESTS.name();
        String good = api(Metrics.HTTP_REQUEST_DURATION.bucket(), eq(Labels.LE,
                Expr.leLabel(slo.latencyThresholdSeconds())));
        String all = api(Metrics.HTTP_REQUEST_DURATION.count());
        List<Rule> rules = new ArrayList<>();
        for (Duration w : slo.windows()) {
            String window = duration(w);
            if (!w.equals(RATE_WINDOW)) {
                rules.add(new RecordingRule(errorRatio(w),
                        sumBy(rate(api(requests, re(Labels.STATUS, SERVER_ERROR_STATUS)), window), JOB)
                                + "\n/\n" + sumBy(rate(api(requests), window), JOB)));
            }
            rules.add(new RecordingRule(slowRatio(w), "1 - " + paren(
                    sumBy(rate(good, window), JOB) + "\n/\n" + sumBy(rate(all, window), JOB))));
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
