package dev.spacetime.profiler.stats;

import java.util.Arrays;

/**
 * Count, total, min, max and percentiles of a set of durations, all in nanoseconds. Percentiles use the
 * nearest-rank method: the p-th percentile of n sorted values is the value at 1-based rank ceil(p/100 * n),
 * so it is always one of the observed values.
 */
public record DurationStats(long count, long totalNanos, long minNanos, long maxNanos, long p50Nanos,
                            long p95Nanos, long p99Nanos) {

    public static final DurationStats EMPTY = new DurationStats(0, 0, 0, 0, 0, 0, 0);

    /** Statistics of {@code durations}; the array is sorted in place. */
    public static DurationStats of(long[] durations) {
        if (durations.length == 0) {
            return EMPTY;
        }
        Arrays.sort(durations);
        long total = 0;
        for (long d : durations) {
            total += d;
        }
        return new DurationStats(durations.length, total, durations[0], durations[durations.length - 1],
                nearestRank(durations, 50), nearestRank(durations, 95), nearestRank(durations, 99));
    }

    /** Nearest-rank percentile of sorted values, {@code percent} in 1..100. */
    static long nearestRank(long[] sorted, int percent) {
        long rank = ((long) percent * sorted.length + 99) / 100; // ceil(percent * n / 100) in integers
        return sorted[(int) Math.max(1, rank) - 1];
    }

    public double avgNanos() {
        return count == 0 ? 0 : (double) totalNanos / count;
    }
}
