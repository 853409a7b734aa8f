package dev.spacetime.profiler.stats;

/**
 * Statistics of one phase name over many requests: {@code duration} counts each occurrence's inclusive
 * duration (a phase that runs twice in a request counts twice), {@code self} the time not spent in child phases.
 */
public record PhaseStats(String phase, DurationStats duration, DurationStats self) {
}
