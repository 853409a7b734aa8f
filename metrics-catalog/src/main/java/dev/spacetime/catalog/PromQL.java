package dev.spacetime.catalog;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The few PromQL building blocks the alert and dashboard generators share. Selectors start from a
 * {@link MetricDef} series name so a query can only name a metric the catalog declares.
 */
public final class PromQL {

    /** {@code series{m1, m2}}; {@code series} alone when no matchers. */
    public static String select(String series, String... matchers) {
        return matchers.length == 0 ? series : series + "{" + String.join(", ", matchers) + "}";
    }

    public static String eq(String label, String value) {
        return label + "=\"" + value + "\"";
    }

    public static String ne(String label, String value) {
        return label + "!=\"" + value + "\"";
    }

    public static String re(String label, String regex) {
        return label + "=~\"" + regex + "\"";
    }

    public static String nre(String label, String regex) {
        return label + "!~\"" + regex + "\"";
    }

    public static String rate(String selector, String window) {
        return "rate(" + selector + "[" + window + "])";
    }

    public static String increase(String selector, String window) {
        return "increase(" + selector + "[" + window + "])";
    }

    public static String sum(String expr) {
        return "sum(" + expr + ")";
    }

    public static String sumBy(String expr, String... labels) {
        return "sum by (" + Arrays.stream(labels).collect(Collectors.joining(", ")) + ") (" + expr + ")";
    }

    public static String avgBy(String expr, String... labels) {
        return "avg by (" + String.join(", ", labels) + ") (" + expr + ")";
    }

    public static String histogramQuantile(double quantile, String bucketExpr) {
        return "histogram_quantile(" + quantile + ", " + bucketExpr + ")";
    }

    private PromQL() {
    }
}
