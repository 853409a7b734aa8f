package dev.spacetime.server.health;

import dev.spacetime.catalog.HealthState;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one check.
 *
 * @param details small JSON-able values (numbers, strings, booleans) that explain the state
 */
public record HealthResult(HealthState state, String message, Map<String, Object> details) {

    public HealthResult {
        Objects.requireNonNull(state);
        Objects.requireNonNull(message);
        details = Map.copyOf(details);
    }

    public static HealthResult of(HealthState state, String message, Map<String, Object> details) {
        return new HealthResult(state, message, details);
    }

    /** The state of {@code value} against degraded/unhealthy thresholds (reached means crossed). */
    public static HealthState byThreshold(double value, double degradedAt, double unhealthyAt) {
        return value >= unhealthyAt ? HealthState.UNHEALTHY
                : value >= degradedAt ? HealthState.DEGRADED : HealthState.HEALTHY;
    }
}
