package dev.spacetime.catalog;

/**
 * The dead man's switch: an alert that always fires, which Alertmanager delivers to the API's webhook on its own
 * route every few minutes. The API tells it from every other alert by this name and records when it last came
 * ({@link Metrics#ALERT_HEARTBEAT}); alert-rules-gen defines the rule under the same name.
 */
public final class Heartbeats {
    /** The {@code alertname} of the always-firing alert. */
    public static final String WATCHDOG_ALERT = "Watchdog";

    private Heartbeats() {
    }
}
