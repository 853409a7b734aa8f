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
    SECURITY;

    public String receiverName() {
        return "spacetime-" + name().toLowerCase(Locale.ROOT);
    }
}
