package dev.spacetime.stack;

import dev.spacetime.settings.Heartbeat;
import java.util.Map;

/**
 * The API's side of the dead man's switch: how stale the Watchdog's last delivery may get before the API's
 * {@code alerting} health subsystem turns degraded. Written wherever stack-gen starts or describes the API, from the
 * same settings that pace the Watchdog's route, so the two cannot drift apart.
 */
public final class ApiHeartbeat {

    /** The api-server's option {@code --alerting-heartbeat-window-seconds}, as its environment variable. */
    public static final String WINDOW_ENV = "SPACETIME_ALERTING_HEARTBEAT_WINDOW_SECONDS";

    private ApiHeartbeat() {
    }

    /** The window in whole seconds, as the API's option takes it. */
    public static String windowSeconds(Heartbeat heartbeat) {
        return String.valueOf(heartbeat.windowDuration().toSeconds());
    }

    /** {@link #WINDOW_ENV} set to {@code heartbeat}'s window. */
    public static Map<String, String> environment(Heartbeat heartbeat) {
        return Map.of(WINDOW_ENV, windowSeconds(heartbeat));
    }
}
