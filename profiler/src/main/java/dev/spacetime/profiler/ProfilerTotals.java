package dev.spacetime.profiler;

/**
 * Counters since start or the last clear: profiles recorded and slow ones among them, how many are kept now
 * in the recent and slow lists, and the capacity of each.
 */
public record ProfilerTotals(long recorded, long recordedSlow, int keptRecent, int keptSlow, int capacity,
                             int slowCapacity) {
}
