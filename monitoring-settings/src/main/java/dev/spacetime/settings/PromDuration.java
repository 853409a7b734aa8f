package dev.spacetime.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * A duration as Prometheus and Alertmanager spell it ({@code 15s}, {@code 5m}, {@code 2h1m}, {@code 15d}): each unit
 * from days down to milliseconds that is not zero, largest first, so the generated text is stable and readable.
 * The one formatter of every generator: rule files, promtool tests, runbooks, prometheus.yml and alertmanager.yml.
 */
public record PromDuration(Duration value) {

    private static final long[] UNIT_MS = {86_400_000, 3_600_000, 60_000, 1_000, 1};
    private static final String[] UNIT_SUFFIX = {"d", "h", "m", "s", "ms"};

    public PromDuration {
        Objects.requireNonNull(value, "value");
        if (value.isZero()) {
            throw new IllegalArgumentException("duration must be a positive whole number of ms: " + value);
        }
        duration(value);
    }

    public static PromDuration ofSeconds(long seconds) {
        return new PromDuration(Duration.ofSeconds(seconds));
    }

    public static PromDuration ofMinutes(long minutes) {
        return new PromDuration(Duration.ofMinutes(minutes));
    }

    public static PromDuration ofHours(long hours) {
        return new PromDuration(Duration.ofHours(hours));
    }

    public static PromDuration ofDays(long days) {
        return new PromDuration(Duration.ofDays(days));
    }

    public PromDuration min(PromDuration other) {
        return value.compareTo(other.value) <= 0 ? this : other;
    }

    /**
     * {@code d} in Prometheus notation; zero is {@code 0s} (a rule's {@code for}, a test's first evaluation).
     *
     * @throws IllegalArgumentException when {@code d} is negative or not a whole number of milliseconds
     */
    public static String duration(Duration d) {
        if (d.isNegative() || d.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("duration must be a non-negative whole number of ms: " + d);
        }
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < UNIT_MS.length; i++) {
            if (ms >= UNIT_MS[i]) {
                out.append(ms / UNIT_MS[i]).append(UNIT_SUFFIX[i]);
                ms %= UNIT_MS[i];
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return duration(value);
    }
}
