package dev.spacetime.server.health;

/** One subsystem's line in a {@link HealthReport}. */
public record SubsystemReport(String name, HealthResult result, long checkDurationMs) {
}
