package dev.spacetime.server.alerts;

import java.util.Locale;
import java.util.Optional;

/** An alert's status in Alertmanager's webhook payload, and the {@code status} of {@code alert_webhook_alerts_total}. */
public enum AlertStatus {
    FIRING,
    RESOLVED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertStatus> parse(Object value) {
        for (AlertStatus s : values()) {
            if (s.label().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
