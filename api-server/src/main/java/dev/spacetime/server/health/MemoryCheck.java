package dev.spacetime.server.health;

import dev.spacetime.catalog.HealthState;
import java.util.Map;

/**
 * The heap's live data against the configured degraded/unhealthy thresholds (MB): the heap in use after the last
 * collection, so garbage waiting to be collected does not flip health. A live heap within 10 % of the heap limit is
 * at least degraded whatever the thresholds: the next allocations may fail. RSS (what the memory alerts watch), the
 * heap now, its limit and non-heap are reported in {@code details}.
 */
public final class MemoryCheck implements HealthCheck {
    private static final long MB = 1024 * 1024;
    /** Live heap at or above this share of the heap limit is degraded: collections can free little more. */
    static final double NEAR_LIMIT = 0.9;

    private final MemoryProbe probe;
    private final long degradedMb;
    private final long unhealthyMb;

    public MemoryCheck(MemoryProbe probe, long degradedMb, long unhealthyMb) {
        this.probe = probe;
        this.degradedMb = degradedMb;
        this.unhealthyMb = unhealthyMb;
    }

    /** On this JVM's figures. */
    public MemoryCheck(long degradedMb, long unhealthyMb) {
        this(MemoryProbe.jvm(), degradedMb, unhealthyMb);
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public HealthResult check() {
        MemoryProbe.Reading r = probe.read();
        long liveMb = r.heapAfterGcBytes() / MB;
        long maxMb = r.heapMaxBytes() / MB;
        HealthState state = HealthResult.byThreshold(liveMb, degradedMb, unhealthyMb);
        boolean nearLimit = r.heapMaxBytes() > 0 && r.heapAfterGcBytes() >= NEAR_LIMIT * r.heapMaxBytes();
        String message = switch (state) {
            case HEALTHY -> "live heap " + liveMb + " MB after GC";
            case DEGRADED -> "live heap " + liveMb + " MB after GC reached the degraded threshold " + degradedMb
                    + " MB";
            case UNHEALTHY -> "live heap " + liveMb + " MB after GC reached the unhealthy threshold " + unhealthyMb
                    + " MB";
        };
        if (nearLimit && state == HealthState.HEALTHY) {
            state = HealthState.DEGRADED;
            message = "live heap " + liveMb + " MB after GC is within " + Math.round((1 - NEAR_LIMIT) * 100)
                    + " % of the heap limit " + maxMb + " MB";
        }
        return HealthResult.of(state, message, Map.of(
                "judged", "heap_after_gc_mb",
                "heap_after_gc_mb", liveMb,
                "heap_used_mb", r.heapUsedBytes() / MB,
                "heap_max_mb", maxMb,
                "non_heap_mb", r.nonHeapBytes() / MB,
                "rss_mb", r.rssBytes() / MB,
                "degraded_mb", degradedMb,
                "unhealthy_mb", unhealthyMb));
    }
}
