package dev.spacetime.server.alerts;

import dev.spacetime.catalog.Heartbeats;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.server.metrics.ServerMetrics;
import dev.spacetime.server.state.AlertRecords;
import dev.spacetime.server.state.StateStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * When the dead man's switch last came: the arrival time of the latest firing {@link Heartbeats#WATCHDOG_ALERT}
 * notification, kept in the state store (so a restarted server judges the heartbeat it had) and exported as
 * {@code alert_webhook_last_heartbeat_timestamp_seconds} (0 until the first one ever). The webhook records it; the
 * {@code alerting} health subsystem reads it. Reads are a volatile field: the scrape and the health check never
 * touch the database.
 */
public final class LastHeartbeat {

    private final AlertRecords kept;
    private volatile Instant last;

    /** Starts from the heartbeat {@code state} kept, and feeds the heartbeat gauge of {@code metrics}. */
    public LastHeartbeat(StateStore state, ServerMetrics metrics) {
        this.kept = state.alerts();
        this.last = state.restored().lastHeartbeat().orElse(null);
        metrics.gaugeSource(Metrics.ALERT_HEARTBEAT, () -> {
            Instant at = last;
            return at == null ? 0 : at.toEpochMilli() / 1000.0;
        });
    }

    /** Whether {@code alert} is a heartbeat: a firing Watchdog (a resolved one means its source stopped). */
    static boolean isHeartbeat(ReceivedAlert alert) {
        return isWatchdog(alert) && alert.status() == AlertStatus.FIRING;
    }

    static boolean isWatchdog(ReceivedAlert alert) {
        return Heartbeats.WATCHDOG_ALERT.equals(alert.alertname());
    }

    /** The last heartbeat's arrival; empty when none ever came. */
    public Optional<Instant> get() {
        return Optional.ofNullable(last);
    }

    /** Records a heartbeat that arrived at {@code receivedAt}; completes once it is stored. Never goes back in time. */
    CompletableFuture<Void> record(Instant receivedAt) {
        // As precise as the store keeps it, so a restart shows the same time.
        Instant at = receivedAt.truncatedTo(ChronoUnit.MILLIS);
        synchronized (this) {
            if (last == null || at.isAfter(last)) {
                last = at;
            }
        }
        return kept.heartbeat(at);
    }
}
