package dev.spacetime.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * The dead man's switch: Alertmanager delivers the always-firing Watchdog alert to the API's webhook on its own
 * route every {@code repeatInterval}; the API's {@code alerting} health subsystem turns degraded when no heartbeat
 * came within {@code window}. stack-gen writes both (the route's interval, the API's
 * {@code SPACETIME_ALERTING_HEARTBEAT_WINDOW_SECONDS}), the dashboard colours the heartbeat's age by the window.
 *
 * @param repeatInterval the Watchdog route's {@code group_interval} and {@code repeat_interval}
 * @param window         how old the last heartbeat may get before the API reports {@code alerting} degraded
 */
public record Heartbeat(PromDuration repeatInterval, PromDuration window) {

    public Heartbeat {
        Objects.requireNonNull(repeatInterval);
        Objects.requireNonNull(window);
        // Alertmanager re-sends at the first group_interval tick after repeat_interval: up to two intervals apart;
        // a third leaves room for one lost delivery before the API calls alerting degraded.
        if (window.value().compareTo(repeatInterval.value().multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("heartbeat window " + window + " must be at least three repeat"
                    + " intervals (" + repeatInterval + ")");
        }
    }

    /** Every minute, degraded after five without one. */
    public static Heartbeat defaults() {
        return new Heartbeat(PromDuration.ofMinutes(1), PromDuration.ofMinutes(5));
    }

    /** The window as a {@link Duration}: what the API's option takes. */
    public Duration windowDuration() {
        return window.value();
    }
}
