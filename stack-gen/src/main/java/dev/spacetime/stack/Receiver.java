package dev.spacetime.stack;

import java.util.Locale;

/**
 * Alertmanager receivers. Each one delivers to the API's webhook; the payload's {@code receiver} field tells the
 * API which route matched.
 */
public enum Receiver {
    /** Alerts no other route takes (no known severity). */
    DEFAULT,
    CRITICAL,
    WARNING,
    INFO,
    /** Authentication alerts, whatever their severity. */
    SECURITY,
    /** The always-firing Watchdog: the API's heartbeat, re-sent every heartbeat interval. */
    WATCHDOG,
    /**
     * The monitoring pipeline's and the hosts' alerts; also to the out-of-band escalation webhook when one is set,
     * since the API's webhook may be what broke.
     */
    PIPELINE;

    public String receiverName() {
        return "spacetime-" + name().toLowerCase(Locale.ROOT);
    }
}
