package dev.spacetime.profiler.stats;

/**
 * Statistics of one route (method + endpoint template): request durations, how many were slow, and how many
 * answered 4xx and 5xx.
 */
public record EndpointStats(String method, String endpoint, DurationStats duration, long slow, long clientErrors,
                            long serverErrors) {
}
