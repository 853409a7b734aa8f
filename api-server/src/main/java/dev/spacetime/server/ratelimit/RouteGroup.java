package dev.spacetime.server.ratelimit;

import java.util.Locale;

/**
 * A rate-limit group: routes declare their group, each client gets one token bucket per group. Default limits (requests
 * per minute) are the original system's; the config file's {@code rateLimit.perMinute} overrides them by {@link #key()}.
 */
public enum RouteGroup {
    /** Scene loads and validations (POST, PUT /scene); reading the current scene is {@link #DEFAULT}. */
    SCENE(30),
    SCENE_RELOAD(20),
    SCENES(60),
    SCENE_HISTORY(100),
    DEFAULT(100);

    private final int defaultPerMinute;

    RouteGroup(int defaultPerMinute) {
        this.defaultPerMinute = defaultPerMinute;
    }

    public int defaultPerMinute() {
        return defaultPerMinute;
    }

    /** The name used in the config file. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
