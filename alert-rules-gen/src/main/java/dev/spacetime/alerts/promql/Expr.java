package dev.spacetime.alerts.promql;

import static dev.spacetime.catalog.PromQL.eq;
import static dev.spacetime.catalog.PromQL.select;

import dev.spacetime.catalog.Jobs;
import dev.spacetime.catalog.Labels;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.stream.Stream;

/** PromQL composition on top of the catalog's {@code PromQL} helpers: numbers, durations, layout. */
public final class Expr {

    /** {@code job="spacetime_api"}: every rule reads the API's series only. */
    public static final String API_JOB = eq(Labels.JOB, Jobs.API);

    /** {@code series{job="spacetime_api", matchers...}}. */
    public static String api(String series, String... matchers) {
        return select(series, Stream.concat(Stream.of(API_JOB), Stream.of(matchers)).toArray(String[]::new));
    }

    /** Seconds per minute: per-minute thresholds multiply per-second rates by it. */
    public static final double PER_MINUTE = 60;

    /** A number as PromQL prints it best: 0.05, 1000000000, 14.4. */
    public static String num(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** A duration in Prometheus notation: 5m, 1h, 3d, 1h30m. */
    public static String duration(Duration d) {
        if (d.isNegative() || d.toNanosPart() != 0) {
            throw new IllegalArgumentException("not a whole number of seconds: " + d);
        }
        if (d.isZero()) {
            return "0s";
        }
        long s = d.getSeconds();
        StringBuilder out = new StringBuilder();
        long[] sizes = {86400, 3600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (s >= sizes[i]) {
                out.append(s / sizes[i]).append(units[i]);
                s %= sizes[i];
            }
        }
        return out.toString();
    }

    /**
     * The {@code le} label value of a bucket bound as the Java client writes it ({@code 0.5}, {@code 1.0}); used
     * by the latency SLO selector and by test data so both agree.
     */
    public static String leLabel(double bound) {
        return Double.toString(bound);
    }

    /** {@code a > v}. */
    public static String gt(String expr, double v) {
        return expr + " > " + num(v);
    }

    /** {@code a >= v}. */
    public static String ge(String expr, double v) {
        return expr + " >= " + num(v);
    }

    /** {@code left and right} on separate lines: a condition filtered by a guard. */
    public static String and(String left, String right) {
        return left + "\nand\n" + right;
    }

    /** Operands on separate lines joined by {@code or}. */
    public static String or(String left, String right) {
        return left + "\nor\n" + right;
    }

    /** {@code (expr)} with its body indented, for sub-expressions that span lines. */
    public static String paren(String expr) {
        return "(\n  " + expr.replace("\n", "\n  ") + "\n)";
    }

    private Expr() {
    }
}
