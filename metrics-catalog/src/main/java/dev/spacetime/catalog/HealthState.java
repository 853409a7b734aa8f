package dev.spacetime.catalog;

/**
 * Health states, worst last. Exported one-hot as {@code health_status{subsystem,state}}: exactly one state per
 * subsystem is 1, so alerts match a state by label instead of decoding numbers.
 */
public enum HealthState {
    HEALTHY,
    DEGRADED,
    UNHEALTHY;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The worse of two states; overall health is the worst subsystem. */
    public HealthState worst(HealthState other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
