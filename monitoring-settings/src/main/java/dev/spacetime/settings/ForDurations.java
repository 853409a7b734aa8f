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
 * @param alertmanagerDown     AlertmanagerDown: 5m; with a clustered pair the peer still delivers meanwhile
 * @param notificationsFailing AlertmanagerNotificationsFailing: 5m (kube-prometheus)
 * @param alertmanagersNotConnected PrometheusNotConnectedToAlertmanagers: 5m
 * @param alertsDropped        PrometheusAlertsDropped: 5m
 * @param notificationQueue    PrometheusNotificationQueueFilling: 15m (kube-prometheus)
 * @param ruleEvaluationFailures PrometheusRuleEvaluationFailures: 15m (kube-prometheus)
 * @param missedEvaluations    PrometheusMissedRuleEvaluations: 15m (kube-prometheus)
 * @param scrapeSlow           PrometheusScrapeSlow: 15m, so one slow garbage-collected scrape does not warn
 * @param configReloadFailed   PrometheusConfigReloadFailed and AlertmanagerConfigReloadFailed: 10m (kube-prometheus)
 * @param clusterMembersMissing AlertmanagerClusterMembersMissing: 15m (kube-prometheus)
 * @param filesystemAlmostFull HostFilesystemAlmostFull: 30m (node-mixin)
 * @param filesystemFillingUp  HostFilesystemFillingUp: 1h (node-mixin): a trend, not a burst
 * @param hostMemory           HostMemoryAlmostExhausted: 15m (node-mixin)
 * @param hostCpu              HostCpuSaturated: 15m (node-mixin)
 * @param nodeExporterDown     NodeExporterDown: 5m
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
        Duration instancesDown,
        Duration alertmanagerDown,
        Duration notificationsFailing,
        Duration alertmanagersNotConnected,
        Duration alertsDropped,
        Duration notificationQueue,
        Duration ruleEvaluationFailures,
        Duration missedEvaluations,
        Duration scrapeSlow,
        Duration configReloadFailed,
        Duration clusterMembersMissing,
        Duration filesystemAlmostFull,
        Duration filesystemFillingUp,
        Duration hostMemory,
        Duration hostCpu,
        Duration nodeExporterDown) {

    public static ForDurations defaults() {
        Duration two = Duration.ofMinutes(2);
        Duration five = Duration.ofMinutes(5);
        Duration ten = Duration.ofMinutes(10);
        Duration fifteen = Duration.ofMinutes(15);
        return new ForDurations(two, two, five, five, five, ten, two, five, five, five, ten, five, two,
                fifteen, five, two,
                five, five, five, five, fifteen, fifteen, fifteen, fifteen, ten, fifteen,
                Duration.ofMinutes(30), Duration.ofHours(1), fifteen, fifteen, five);
    }

    /** Every alert with the same {@code for}: the hook for test stacks that must see alerts fire quickly. */
    public static ForDurations all(Duration d) {
        return new ForDurations(d, d, d, d, d, d, d, d, d, d, d, d, d, d, d, d,
                d, d, d, d, d, d, d, d, d, d, d, d, d, d, d);
    }
}
