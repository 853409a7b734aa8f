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
 * @param notificationFailureRatio   AlertmanagerNotificationsFailing: share of an Alertmanager's notification
 *                                   attempts per integration that failed (kube-prometheus: 1 %)
 * @param notificationQueueRatio     PrometheusNotificationQueueFilling: Prometheus' alert queue length over its
 *                                   capacity; at 100 % it drops alerts
 * @param scrapeDurationRatio        PrometheusScrapeSlow: a target's scrape duration over the scrape interval. 0.5
 *                                   (7.5 s of 15 s) warns before the default 10 s scrape timeout turns slowness
 *                                   into a failed scrape
 * @param filesystemAvailableRatio   HostFilesystemAlmostFull: space available to non-root users over the size
 * @param filesystemFillHours        HostFilesystemFillingUp: fires when the last 6 h's trend says the filesystem
 *                                   is full within this many hours...
 * @param filesystemFillGuardRatio   ...and less than this share is available already (node-mixin's guard: a
 *                                   nearly empty disk briefly written to fast does not warn)
 * @param memoryAvailableRatio       HostMemoryAlmostExhausted: MemAvailable over MemTotal
 * @param cpuBusyRatio               HostCpuSaturated: share of the host's CPU time not idle, averaged over its CPUs
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
        double instancesDownRatio,
        double notificationFailureRatio,
        double notificationQueueRatio,
        double scrapeDurationRatio,
        double filesystemAvailableRatio,
        double filesystemFillHours,
        double filesystemFillGuardRatio,
        double memoryAvailableRatio,
        double cpuBusyRatio) {

    public Thresholds {
        requireRatio("instancesDownRatio", instancesDownRatio);
        requireRatio("notificationFailureRatio", notificationFailureRatio);
        requireRatio("notificationQueueRatio", notificationQueueRatio);
        requireRatio("scrapeDurationRatio", scrapeDurationRatio);
        requireRatio("filesystemAvailableRatio", filesystemAvailableRatio);
        requireRatio("filesystemFillGuardRatio", filesystemFillGuardRatio);
        requireRatio("memoryAvailableRatio", memoryAvailableRatio);
        requireRatio("cpuBusyRatio", cpuBusyRatio);
        if (!(filesystemFillHours > 0)) {
            throw new IllegalArgumentException("filesystemFillHours must be positive: " + filesystemFillHours);
        }
    }

    // A ratio of 0 or 1 makes its alert never or always fire.
    private static void requireRatio(String name, double ratio) {
        if (!(ratio > 0 && ratio < 1)) {
            throw new IllegalArgumentException(name + " must lie strictly between 0 and 1: " + ratio);
        }
    }

    /** The seed's thresholds plus the documented volume guards, the pipeline's and the host's. */
    public static Thresholds defaults() {
        return new Thresholds(0.05, 0.1, 2.0, 0.5, 50, 10, 50, 1e9, 8e8, 0.10, 0.05, 0.5,
                0.01, 0.8, 0.5, 0.10, 24, 0.4, 0.10, 0.90);
    }
}
