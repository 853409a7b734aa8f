package dev.spacetime.settings;

import dev.spacetime.catalog.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Service level objectives and the multi-window, multi-burn-rate alerting of the SRE workbook (chapter 5): an
 * alert fires when both a long and a short window burn the error budget faster than {@code factor} times the
 * sustainable rate. The long window gives significance, the short one makes the alert reset soon after recovery.
 *
 * @param availabilityTarget      share of requests that must not be answered 5xx (99.9 %)
 * @param latencyTarget           share of requests that must finish within {@code latencyThresholdSeconds} (99 %)
 * @param latencyThresholdSeconds the latency objective; must be a bucket bound of http_request_duration_seconds
 *                                so the good-request count is an exact bucket, not an estimate
 * @param burnRates               the window pairs, from the workbook for a 30-day budget
 */
public record Slo(double availabilityTarget, double latencyTarget, double latencyThresholdSeconds,
                  List<BurnRate> burnRates) {

    /**
     * One alerting window pair.
     *
     * @param severity critical pages, warning opens a ticket
     * @param factor   burn rate: how many times faster than "budget used up exactly at the period's end"
     * @param longWindow  the significance window
     * @param shortWindow the reset window (1/12 of the long one in the workbook)
     */
    public record BurnRate(Severity severity, double factor, Duration longWindow, Duration shortWindow) {
    }

    public Slo {
        burnRates = List.copyOf(burnRates);
        if (!Metrics.HTTP_REQUEST_DURATION.buckets().contains(latencyThresholdSeconds)) {
            throw new IllegalArgumentException("latency objective " + latencyThresholdSeconds
                    + " s is not a bucket bound of " + Metrics.HTTP_REQUEST_DURATION.name());
        }
    }

    /** 99.9 % availability, 99 % of requests under 500 ms, the workbook's four window pairs. */
    public static Slo defaults() {
        return new Slo(0.999, 0.99, 0.5, List.of(
                new BurnRate(Severity.CRITICAL, 14.4, Duration.ofHours(1), Duration.ofMinutes(5)),
                new BurnRate(Severity.CRITICAL, 6, Duration.ofHours(6), Duration.ofMinutes(30)),
                new BurnRate(Severity.WARNING, 3, Duration.ofDays(1), Duration.ofHours(2)),
                new BurnRate(Severity.WARNING, 1, Duration.ofDays(3), Duration.ofHours(6))));
    }

    /** The window pairs of one severity. */
    public List<BurnRate> burnRates(Severity severity) {
        return burnRates.stream().filter(b -> b.severity() == severity).toList();
    }

    /** Every window some burn-rate alert reads, shortest first: each needs its ratio recorded. */
    public List<Duration> windows() {
        return burnRates.stream().flatMap(b -> Stream.of(b.shortWindow(), b.longWindow()))
                .distinct().sorted().toList();
    }
}
