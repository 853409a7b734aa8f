package dev.spacetime.alerts.promql;

import java.math.BigDecimal;

/**
 * PromQL composition on top of the catalog's {@code PromQL} helpers: numbers and layout. Selectors come from the
 * settings' {@code Scope}, durations from {@code PromDuration}.
 */
public final class Expr {

    /** Seconds per minute: per-minute thresholds multiply per-second rates by it. */
    public static final double PER_MINUTE = 60;

    /** A number as PromQL prints it best: 0.05, 1000000000, 14.4. */
    public static String num(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
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
