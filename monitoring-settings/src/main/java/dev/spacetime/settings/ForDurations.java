package dev.spacetime.settings;

import java.time.Duration;

/**
 * How long each condition must hold before its alert fires ({@code for}). Separate from {@link Thresholds} so a
 * test stack can shorten every duration in one call ({@link #all(Duration)}) and keep the thresholds.
 *
 * @param apiDown              HTTPAPIDown (seed: 2m)
 * @param healthCheckFailing   HealthCheckFailing (seed: 2m)
 * @param serviceDegraded      ServiceDegraded (seed: 5m)
 * @param httpErrorRate        HighHTTPErrorRate (seed: 5m)
 * @param criticalSlowRequests CriticalSlowRequests (seed: 5m)
 * @param slowRequestLatency   SlowRequestLatency (seed: 10m)
 * @param criticalAuthFailures CriticalAuthFailureRate: the seed names no duration; 2m, like the other
 *                             "act now" criticals, so a short burst of bad tokens does not page
 * @param highAuthFailures     HighAuthFailureRate (seed: 5m)
 * @param rateLimitHits        HighRateLimitHits (seed: 5m)
 * @param criticalMemory       CriticalMemoryUsage (seed: 5m)
 * @param highMemory           HighMemoryUsage (seed: 10m)
 * @param sceneLoadErrors      HighSceneLoadErrorRate (seed: 5m)
 * @param sloPage              fast-burn SLO alerts: the 5m/30m short windows already debounce, 2m more rides out
 *                             one bad scrape
 * @param sloTicket            slow-burn SLO alerts: tickets can wait 15m to avoid flapping
 * @param workloadSaturated    WorkloadSaturated: 5m, so a burst of scene loads does not warn anyone
 * @param instancesDown        HTTPAPIInstancesDown: 2m, as HTTPAPIDown
 */
public record ForDurations(
        Duration apiDown,
        Duration healthCheckFailing,
        Duration serviceDegraded,
        Duration httpErrorRate,
        Duration criticalSlowRequests,
        Duration slowRequestLatency,
        Duration criticalAuthFailures,
        Duration highAuthFailures,
        Duration rateLimitHits,
        Duration criticalMemory,
        Duration highMemory,
        Duration sceneLoadErrors,
        Duration sloPage,
        Duration sloTicket,
        Duration workloadSaturated,
        Duration instancesDown) {

    public static ForDurations defaults() {
        Duration two = Duration.ofMinutes(2);
        Duration five = Duration.ofMinutes(5);
        Duration ten = Duration.ofMinutes(10);
        return new ForDurations(two, two, five, five, five, ten, two, five, five, five, ten, five, two,
                Duration.ofMinutes(15), five, two);
    }

    /** Every alert with the same {@code for}: the hook for test stacks that must see alerts fire quickly. */
    public static ForDurations all(Duration d) {
        return new ForDurations(d, d, d, d, d, d, d, d, d, d, d, d, d, d, d, d);
    }
}
