package dev.spacetime.settings;

/**
 * Every number an alert compares against, named and explained once (kubernetes-mixin's {@code _config} style).
 * Rates are per second over the 5-minute recording window unless the name says per minute.
 *
 * @param httpErrorRatio             HighHTTPErrorRate: share of requests answered 5xx (seed: 5 %)
 * @param minRequestRate             volume guard (requests/s) for the HTTP ratio and percentile alerts: below it
 *                                   they stay silent. 0.1/s is 30 requests per 5-minute window, so one failed
 *                                   request alone (3.3 %) cannot cross the 5 % error threshold, and 0/0 never fires
 * @param criticalLatencyP99Seconds  CriticalSlowRequests: p99 latency per endpoint (seed: 2 s)
 * @param warningLatencyP95Seconds   SlowRequestLatency: p95 latency per endpoint (seed: 500 ms)
 * @param criticalAuthFailuresPerMin CriticalAuthFailureRate: failed token checks per minute (seed: 50, likely an
 *                                   attack)
 * @param warningAuthFailuresPerMin  HighAuthFailureRate: failed token checks per minute (seed: 10)
 * @param rateLimitHitsPerMin        HighRateLimitHits: 429 answers per minute (seed: 50)
 * @param criticalMemoryBytes        CriticalMemoryUsage: resident set size (seed: 1 GB, decimal)
 * @param warningMemoryBytes         HighMemoryUsage: resident set size (seed: 800 MB, decimal)
 * @param sceneLoadErrorRatio        HighSceneLoadErrorRate: errors / (loads + errors) (seed: 10 %)
 * @param minSceneLoadRate           volume guard (scene load attempts/s) for HighSceneLoadErrorRate: 0.05/s is 15
 *                                   attempts per 5-minute window, so a single failure (6.7 %) stays below 10 %
 * @param instancesDownRatio         HTTPAPIInstancesDown: share of the job's instances that cannot be scraped. Above
 *                                   half, the rest of a fleet sized with one instance of headroom is overloaded;
 *                                   HTTPAPIDown already names each instance that is down
 */
public record Thresholds(
        double httpErrorRatio,
        double minRequestRate,
        double criticalLatencyP99Seconds,
        double warningLatencyP95Seconds,
        double criticalAuthFailuresPerMin,
        double warningAuthFailuresPerMin,
        double rateLimitHitsPerMin,
        double criticalMemoryBytes,
        double warningMemoryBytes,
        double sceneLoadErrorRatio,
        double minSceneLoadRate,
        double instancesDownRatio) {

    public Thresholds {
        if (!(instancesDownRatio > 0 && instancesDownRatio < 1)) {
            throw new IllegalArgumentException("instancesDownRatio must lie strictly between 0 and 1: "
                    + instancesDownRatio);
        }
    }

    /** The seed's thresholds plus the documented volume guards. */
    public static Thresholds defaults() {
        return new Thresholds(0.05, 0.1, 2.0, 0.5, 50, 10, 50, 1e9, 8e8, 0.10, 0.05, 0.5);
    }
}
