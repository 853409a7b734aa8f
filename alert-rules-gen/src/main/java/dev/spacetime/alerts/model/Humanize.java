package dev.spacetime.alerts.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Prometheus' humanizing template functions, as used in annotations, plus a Java port of each so promtool tests
 * can state the expanded annotation they expect. The port follows Prometheus 2.42's {@code template.go}
 * (Go's {@code %.4g} with SI prefixes); promtool then proves both agree.
 */
public enum Humanize {
    /** SI prefixes: 1.2G, 350m. */
    NUMBER("humanize"),
    /** Ratio 0.05 as 5%. */
    PERCENTAGE("humanizePercentage"),
    /** Seconds as 1.5s, 250ms, 2m 5s. */
    DURATION("humanizeDuration");

    private static final List<String> BIG = List.of("k", "M", "G", "T", "P", "E", "Z", "Y");
    private static final List<String> SMALL = List.of("m", "u", "n", "p", "f", "a", "z", "y");

    private final String function;

    Humanize(String function) {
        this.function = function;
    }

    /** The Go template function name. */
    public String function() {
        return function;
    }

    /** What Prometheus prints for {@code {{ $value | function }}}. */
    public String apply(double v) {
        return switch (this) {
            case NUMBER -> number(v);
            case PERCENTAGE -> g4(v * 100) + "%";
            case DURATION -> duration(v);
        };
    }

    private static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return g4(v);
        }
        return Math.abs(v) >= 1 ? scaleDown(v, "") : scaleUp(v, "");
    }

    private static String duration(double v) {
        if (!Double.isFinite(v)) {
            return g4(v);
        }
        if (v == 0) {
            return g4(v) + "s";
        }
        if (Math.abs(v) < 1) {
            return scaleUp(v, "s");
        }
        String sign = v < 0 ? "-" : "";
        long whole = (long) Math.abs(v);
        long seconds = whole % 60;
        long minutes = whole / 60 % 60;
        long hours = whole / 3600 % 24;
        long days = whole / 86400;
        if (days != 0) {
            return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
        }
        if (hours != 0) {
            return sign + hours + "h " + minutes + "m " + seconds + "s";
        }
        if (minutes != 0) {
            return sign + minutes + "m " + seconds + "s";
        }
        return sign + g4(Math.abs(v)) + "s";
    }

    private static String scaleDown(double v, String unit) {
        String prefix = "";
        for (String p : BIG) {
            if (Math.abs(v) < 1000) {
                break;
            }
            prefix = p;
            v /= 1000;
        }
        return g4(v) + prefix + unit;
    }

    private static String scaleUp(double v, String unit) {
        String prefix = "";
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v) + prefix + unit;
    }

    /** Go's {@code fmt.Sprintf("%.4g", v)}: 4 significant digits, no trailing zeros, exponent outside 1e-4..1e4. */
    static String g4(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 4) {
            String mantissa = d.movePointLeft(exponent).toPlainString();
            return String.format("%se%s%02d", mantissa, exponent < 0 ? "-" : "+", Math.abs(exponent));
        }
        return d.toPlainString();
    }
}
