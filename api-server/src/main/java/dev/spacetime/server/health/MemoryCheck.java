package dev.spacetime.server.health;

import dev.spacetime.catalog.HealthState;
import java.util.Map;

/** Resident memory against the configured degraded/unhealthy thresholds (MB). */
public final class MemoryCheck implements HealthCheck {
    private final long degradedMb;
    private final long unhealthyMb;

    public MemoryCheck(long degradedMb, long unhealthyMb) {
        this.degradedMb = degradedMb;
        this.unhealthyMb = unhealthyMb;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public HealthResult check() {
        long usedMb = MemoryProbe.usedMb();
        HealthState state = HealthResult.byThreshold(usedMb, degradedMb, unhealthyMb);
        String message = switch (state) {
            case HEALTHY -> "memory use " + usedMb + " MB";
            case DEGRADED -> "memory use " + usedMb + " MB reached the degraded threshold " + degradedMb + " MB";
            case UNHEALTHY -> "memory use " + usedMb + " MB reached the unhealthy threshold " + unhealthyMb + " MB";
        };
        Runtime rt = Runtime.getRuntime();
        return HealthResult.of(state, message, Map.of(
                "used_mb", usedMb,
                "degraded_mb", degradedMb,
                "unhealthy_mb", unhealthyMb,
                "heap_used_mb", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024),
                "heap_max_mb", rt.maxMemory() / (1024 * 1024)));
    }
}
