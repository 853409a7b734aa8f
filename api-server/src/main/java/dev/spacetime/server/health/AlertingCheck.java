package dev.spacetime.server.health;

import dev.spacetime.catalog.HealthState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The dead man's switch: whether alerts can reach anyone at all. Alertmanager delivers the always-firing Watchdog to
 * the webhook every minute; when the last heartbeat is older than the window, something between Prometheus and this
 * server broke (rule evaluation, Alertmanager, its routing or credentials), and the subsystem is degraded.
 *
 * <p>Off until the first heartbeat ever (healthy, {@code heartbeat: never}): a server without a monitoring stack is
 * not degraded for lacking one. Advisory, and never worse than degraded: a broken alert pipeline is news for the
 * operator, not a reason to take the server out of rotation.
 */
public final class AlertingCheck implements HealthCheck {
    private final Supplier<Optional<Instant>> lastHeartbeat;
    private final Duration window;
    private final Clock clock;

    public AlertingCheck(Supplier<Optional<Instant>> lastHeartbeat, Duration window, Clock clock) {
        this.lastHeartbeat = lastHeartbeat;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "alerting";
    }

    @Override
    public boolean advisory() {
        return true;
    }

    @Override
    public HealthResult check() {
        long windowSeconds = window.toSeconds();
        Optional<Instant> last = lastHeartbeat.get();
        if (last.isEmpty()) {
            return HealthResult.of(HealthState.HEALTHY, "no heartbeat received yet: the dead man's switch is off",
                    Map.of("heartbeat", "never", "window_seconds", windowSeconds));
        }
        // A heartbeat stamped ahead of the clock (the clock was set back) is taken as just arrived.
        Duration age = Duration.between(last.get(), clock.instant());
        long ageSeconds = Math.max(0, age.toSeconds());
        Map<String, Object> details = Map.of("heartbeat", last.get().toString(), "age_seconds", ageSeconds,
                "window_seconds", windowSeconds);
        if (age.compareTo(window) > 0) {
            return HealthResult.of(HealthState.DEGRADED, "no heartbeat for " + ageSeconds + " s (window "
                    + windowSeconds + " s): alerts may not reach anyone", details);
        }
        return HealthResult.of(HealthState.HEALTHY, "last heartbeat " + ageSeconds + " s ago", details);
    }
}
