package dev.spacetime.stack;

import java.time.Duration;
import java.util.Objects;

/**
 * A duration as Prometheus and Alertmanager spell it ({@code 15s}, {@code 5m}, {@code 4h}, {@code 15d}): the
 * largest unit that divides it exactly, so the generated text is stable and readable.
 */
public record PromDuration(Duration value) {

    private static final long MS_PER_SECOND = 1_000;
    private static final long[] UNIT_MS = {86_400_000, 3_600_000, 60_000, MS_PER_SECOND, 1};
    private static final String[] UNIT_SUFFIX = {"d", "h", "m", "s", "ms"};

    public PromDuration {
        Objects.requireNonNull(value, "value");
        if (value.isNegative() || value.isZero() || value.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("duration must be a positive whole number of ms: " + value);
        }
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

    @Override
    public String toString() {
        long ms = value.toMillis();
        for (int i = 0; i < UNIT_MS.length; i++) {
            if (ms % UNIT_MS[i] == 0) {
                return ms / UNIT_MS[i] + UNIT_SUFFIX[i];
            }
        }
        throw new AssertionError("1 ms divides every whole-ms duration");
    }
}
