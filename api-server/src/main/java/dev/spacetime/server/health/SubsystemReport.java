package dev.spacetime.server.health;

import dev.spacetime.catalog.HealthState;

/**
 * One subsystem's line in a {@link HealthReport}.
 *
 * @param advisory see {@link HealthCheck#advisory()}
 */
public record SubsystemReport(String name, HealthResult result, long checkDurationMs, boolean advisory) {

    /** What this subsystem contributes to the overall state. */
    HealthState weight() {
        HealthState state = result.state();
        return advisory && state == HealthState.UNHEALTHY ? HealthState.DEGRADED : state;
    }
}
