package dev.spacetime.client.term;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formatting for humans; "n/a" for values that cannot be known (NaN). */
public final class Format {
    public static final String NA = "n/a";

    private Format() {
    }

    public static String ms(double millis) {
        return Double.isNaN(millis) ? NA : String.format(Locale.ROOT, "%.2f ms", millis);
    }

    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        return Math.abs(v) >= 1e-6 && Math.abs(v) < 1e15 ? d.toPlainString() : d.toString();
    }

    public static String percent(double ratio) {
        return Double.isNaN(ratio) ? NA : String.format(Locale.ROOT, "%.2f %%", ratio * 100);
    }

    public static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? NA : String.format(Locale.ROOT, "%.2f req/s", perSecond);
    }

    public static String bytes(double b) {
        if (Double.isNaN(b)) {
            return NA;
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return u == 0 ? (long) b + " B" : String.format(Locale.ROOT, "%.1f %s", b, units[u]);
    }
}
