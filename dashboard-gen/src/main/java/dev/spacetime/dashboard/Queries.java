package dev.spacetime.dashboard;

import static dev.spacetime.catalog.PromQL.histogramQuantile;
import static dev.spacetime.catalog.PromQL.rate;
import static dev.spacetime.catalog.PromQL.select;
import static dev.spacetime.catalog.PromQL.sumBy;

import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.MetricDef;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.catalog.PromQL;
import dev.spacetime.dashboard.model.DataSourceRef;
import dev.spacetime.dashboard.model.Macros;
import dev.spacetime.dashboard.model.Variable;
import dev.spacetime.settings.Scope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** PromQL shapes of the dashboard, built on the catalog's {@link PromQL} so every metric comes from the catalog. */
final class Queries {

    /** Name of the endpoint template variable. */
    static final String ENDPOINT_VARIABLE = Labels.ENDPOINT;

    /** Restricts a series with an {@code endpoint} label to the endpoints picked in the variable ("All" = .*). */
    static final String ENDPOINT_FILTER = PromQL.re(Labels.ENDPOINT, "$" + ENDPOINT_VARIABLE);

    /** {@code label=~"$label"}: a series restricted to what a variable of that name picked. */
    static String picked(String label) {
        return PromQL.re(label, "$" + label);
    }

    /** The scope's variables (cluster label when set, job), then instance: what every panel selector carries. */
    static String[] scopeFilter(Scope scope) {
        return Stream.concat(scope.labelNames().stream(), Stream.of(Labels.INSTANCE)).map(Queries::picked)
                .toArray(String[]::new);
    }

    /** The scope's variables only, then {@code extra}: for series that may lack {@code instance} (alerts). */
    static String[] jobFilter(Scope scope, String... extra) {
        return Stream.concat(scope.labelNames().stream().map(Queries::picked), Arrays.stream(extra))
                .toArray(String[]::new);
    }

    /**
     * The matchers of one of the stack's own jobs ({@code Settings.stackScope}: Prometheus, Alertmanager, node
     * exporter), then {@code extra}: the cluster variable when the scope has one, and the job by name, since the
     * {@code job} variable lists the API's jobs only.
     */
    static String[] stackFilter(Scope stack, String... extra) {
        return Stream.concat(stack.labelNames().stream().map(label -> label.equals(Labels.JOB)
                ? PromQL.eq(Labels.JOB, stack.job()) : picked(label)), Arrays.stream(extra)).toArray(String[]::new);
    }

    /**
     * The cluster variable (when the scope has a cluster label), {@code job} and {@code instance}: each lists the
     * values of its label on the API's {@code up} series, narrowed by the variables before it. "All" of job means
     * the scope's job (never another job that happens to be in the same Prometheus); of the others, any value.
     */
    static List<Variable> scopeVariables(Scope scope) {
        List<Variable> out = new ArrayList<>();
        List<String> before = new ArrayList<>();
        String up = Metrics.UP.name();
        for (String label : scope.labelNames()) {
            boolean job = label.equals(Labels.JOB);
            List<String> matchers = new ArrayList<>(before);
            if (job || before.isEmpty()) {
                matchers.add(PromQL.eq(Labels.JOB, scope.job()));
            }
            String query = "label_values(" + PromQL.select(up, matchers.toArray(String[]::new)) + ", " + label + ")";
            out.add(queryVariable(label, job ? "Job" : label, query, job ? scope.job() : ".*"));
            before.add(picked(label));
        }
        out.add(queryVariable(Labels.INSTANCE, "Instance", "label_values(" + PromQL.select(up,
                before.toArray(String[]::new)) + ", " + Labels.INSTANCE + ")", ".*"));
        return out;
    }

    /**
     * A multi-value variable with "All" (selected when the dashboard opens) from a data source query.
     *
     * @param allValue what "All" stands for: a regex, instead of Grafana's long alternation of every value
     */
    static Variable queryVariable(String name, String label, String query, String allValue) {
        return new Variable.Query(allValue, new Variable.Current(List.of("All"), List.of("$__all")),
                DataSourceRef.VARIABLE, query, 0, true, label, true, name, List.of(), query, 2, "", 1);
    }

    /** {@code rate(series{matchers}[$__rate_interval])}. */
    static String rateOf(String series, String... matchers) {
        return rate(select(series, matchers), Macros.RATE_INTERVAL);
    }

    /** {@code sum(rate(...))}, or {@code sum by (labels) (rate(...))} when labels are given. */
    static String sumRate(String[] by, String series, String... matchers) {
        return by.length == 0 ? PromQL.sum(rateOf(series, matchers)) : sumBy(rateOf(series, matchers), by);
    }

    /**
     * Quantile {@code q} of histogram {@code h} over the rate window, kept apart by {@code by} labels; no series
     * where nothing was observed in the window (see {@link #withoutNaN}).
     */
    static String quantile(double q, MetricDef h, String[] by, String... matchers) {
        String[] withLe = Stream.concat(Arrays.stream(by), Stream.of(Labels.LE)).toArray(String[]::new);
        return withoutNaN(histogramQuantile(q, sumBy(rateOf(h.bucket(), matchers), withLe)));
    }

    /**
     * Quantile {@code q} of recorded bucket rates ({@code recorded} keeps {@code le}), kept apart by {@code by};
     * no series where nothing was observed (see {@link #withoutNaN}).
     */
    static String recordedQuantile(double q, String recorded, String[] by, String... matchers) {
        String[] withLe = Stream.concat(Arrays.stream(by), Stream.of(Labels.LE)).toArray(String[]::new);
        return withoutNaN(histogramQuantile(q, sumBy(select(recorded, matchers), withLe)));
    }

    /** {@code numerator / denominator}, with no series where the denominator is 0 (see {@link #withoutNaN}). */
    static String ratio(String numerator, String denominator) {
        return withoutNaN(numerator + " / " + denominator);
    }

    /**
     * {@code expr} without its NaN samples: a quantile or ratio of no traffic is NaN (0/0), which Grafana shows as a
     * "NaN" row. NaN fails every comparison, so the filter keeps every real value of these never-negative shapes.
     */
    static String withoutNaN(String expr) {
        return "(" + expr + ") >= 0";
    }

    /** Responses whose status starts with {@code digit}: 2xx, 4xx, 5xx. */
    static String statusClass(int digit) {
        return PromQL.re(Labels.STATUS, digit + "..");
    }

    /** The {@code k} largest series. */
    static String topk(int k, String expr) {
        return "topk(" + k + ", " + expr + ")";
    }

    /** {@code expr}, or 0 when it has no series (a rate of 5xx when none happened is "0 %", not "no data"). */
    static String orZero(String expr) {
        return "(" + expr + " or vector(0))";
    }

    static final String[] NO_LABELS = {};

    static String[] by(String... labels) {
        return labels;
    }

    private Queries() {
    }
}
