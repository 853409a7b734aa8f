package dev.spacetime.dashboard;

import static dev.spacetime.catalog.PromQL.histogramQuantile;
import static dev.spacetime.catalog.PromQL.rate;
import static dev.spacetime.catalog.PromQL.select;
import static dev.spacetime.catalog.PromQL.sumBy;

import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.MetricDef;
import dev.spacetime.catalog.PromQL;
import dev.spacetime.dashboard.model.Macros;
import java.util.Arrays;
import java.util.stream.Stream;

/** PromQL shapes of the dashboard, built on the catalog's {@link PromQL} so every metric comes from the catalog. */
final class Queries {

    /** Name of the endpoint template variable. */
    static final String ENDPOINT_VARIABLE = Labels.ENDPOINT;

    /** Restricts a series with an {@code endpoint} label to the endpoints picked in the variable ("All" = .*). */
    static final String ENDPOINT_FILTER = PromQL.re(Labels.ENDPOINT, "$" + ENDPOINT_VARIABLE);

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
