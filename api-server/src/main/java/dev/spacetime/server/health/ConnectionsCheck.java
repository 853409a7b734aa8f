package dev.spacetime.server.health;

import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Open client connections against the configured degraded/unhealthy thresholds. Advisory: the count is something
 * anonymous clients control (each up to the per-client limit), not the server's ability to serve, so it is reported,
 * exported and alerted on, but never takes the server out of rotation.
 */
public final class ConnectionsCheck implements HealthCheck {
    private final IntSupplier open;
    private final int degradedAt;
    private final int unhealthyAt;

    public ConnectionsCheck(IntSupplier open, int degradedAt, int unhealthyAt) {
        this.open = open;
        this.degradedAt = degradedAt;
        this.unhealthyAt = unhealthyAt;
    }

    @Override
    public String name() {
        return "connections";
    }

    @Override
    public boolean advisory() {
        return true;
    }

    @Override
    public HealthResult check() {
        int active = open.getAsInt();
        var state = HealthResult.byThreshold(active, degradedAt, unhealthyAt);
        return HealthResult.of(state, active + " open connections",
                Map.of("active", active, "degraded_at", degradedAt, "unhealthy_at", unhealthyAt));
    }
}
