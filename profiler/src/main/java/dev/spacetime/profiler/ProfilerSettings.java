package dev.spacetime.profiler;

import java.util.Map;

/**
 * Runtime-changeable profiler settings (immutable; change with the {@code with*} methods and
 * {@link Profiler#updateSettings}). The constructor rejects out-of-range values with an
 * {@link IllegalArgumentException} whose message can be shown to the client as is.
 *
 * @param enabled            whether new requests are profiled at all
 * @param sampleRate         fraction of requests profiled, 0..1
 * @param slowThresholdNanos a request at least this long is slow
 * @param capacity           how many recent profiles are kept
 * @param slowCapacity       how many slow profiles are kept apart from the recent ones
 */
public record ProfilerSettings(boolean enabled, double sampleRate, long slowThresholdNanos, int capacity,
                               int slowCapacity) {
    /** Upper bounds keep memory bounded whatever an admin sends. */
    public static final int MAX_CAPACITY = 100_000;
    public static final int MAX_SLOW_CAPACITY = 10_000;

    /** Setting names, as in {@code POST /debug/profile} bodies and the reported settings. */
    public static final String ENABLED = "enabled";
    public static final String SAMPLE_RATE = "sample_rate";
    public static final String SLOW_THRESHOLD_MS = "slow_threshold_ms";
    public static final String CAPACITY = "capacity";
    public static final String SLOW_CAPACITY = "slow_capacity";

    public static final ProfilerSettings DEFAULTS = new ProfilerSettings(true, 1.0, 100_000_000L, 1000, 100);

    public ProfilerSettings {
        if (!(sampleRate >= 0.0 && sampleRate <= 1.0)) {
            throw new IllegalArgumentException("sample_rate must be between 0 and 1, got " + sampleRate);
        }
        if (slowThresholdNanos < 0) {
            throw new IllegalArgumentException("slow threshold must not be negative");
        }
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be between 1 and " + MAX_CAPACITY + ", got " + capacity);
        }
        if (slowCapacity < 1 || slowCapacity > MAX_SLOW_CAPACITY) {
            throw new IllegalArgumentException(
                    "slow capacity must be between 1 and " + MAX_SLOW_CAPACITY + ", got " + slowCapacity);
        }
    }

    /**
     * These settings with the given changes applied, keyed by setting name (e.g. a parsed JSON body:
     * {@code {"enabled": false, "sample_rate": 0.5}}); absent keys keep their value.
     *
     * @throws IllegalArgumentException for an unknown key, a value of the wrong type or out of range
     */
    public ProfilerSettings withChanges(Map<String, ?> changes) {
        ProfilerSettings s = this;
        for (Map.Entry<String, ?> e : changes.entrySet()) {
            Object v = e.getValue();
            s = switch (e.getKey()) {
                case ENABLED -> s.withEnabled(bool(ENABLED, v));
                case SAMPLE_RATE -> s.withSampleRate(number(SAMPLE_RATE, v));
                case SLOW_THRESHOLD_MS -> s.withSlowThresholdMillis(number(SLOW_THRESHOLD_MS, v));
                case CAPACITY -> s.withCapacity(integer(CAPACITY, v));
                case SLOW_CAPACITY -> s.withSlowCapacity(integer(SLOW_CAPACITY, v));
                default -> throw new IllegalArgumentException("unknown setting; known: " + ENABLED + ", "
                        + SAMPLE_RATE + ", " + SLOW_THRESHOLD_MS + ", " + CAPACITY + ", " + SLOW_CAPACITY);
            };
        }
        return s;
    }

    private static boolean bool(String key, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(key + " must be true or false");
    }

    private static double number(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(key + " must be a number");
    }

    private static int integer(String key, Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new IllegalArgumentException(key + " must be an integer");
    }

    public double slowThresholdMillis() {
        return slowThresholdNanos / 1e6;
    }

    public ProfilerSettings withEnabled(boolean value) {
        return new ProfilerSettings(value, sampleRate, slowThresholdNanos, capacity, slowCapacity);
    }

    public ProfilerSettings withSampleRate(double value) {
        return new ProfilerSettings(enabled, value, slowThresholdNanos, capacity, slowCapacity);
    }

    /** Threshold in milliseconds (fractions allowed); must be finite and not negative. */
    public ProfilerSettings withSlowThresholdMillis(double millis) {
        if (!(millis >= 0 && millis <= Long.MAX_VALUE / 1e6)) {
            throw new IllegalArgumentException("slow_threshold_ms must be a non-negative number, got " + millis);
        }
        return new ProfilerSettings(enabled, sampleRate, Math.round(millis * 1e6), capacity, slowCapacity);
    }

    public ProfilerSettings withCapacity(int value) {
        return new ProfilerSettings(enabled, sampleRate, slowThresholdNanos, value, slowCapacity);
    }

    public ProfilerSettings withSlowCapacity(int value) {
        return new ProfilerSettings(enabled, sampleRate, slowThresholdNanos, capacity, value);
    }
}
