package dev.spacetime.server.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Received alerts, one row per fingerprint (the latest notification, as JSON). The in-memory store decides what is
 * evicted when it is full; its evictions are deleted here in the same write, so the table holds what the store holds.
 * Beside them, when the last heartbeat (the always-firing Watchdog) arrived.
 */
public final class AlertRecords {

    /** One kept alert. */
    public record Row(String fingerprint, String json) {
    }

    private final StateStore store;

    AlertRecords(StateStore store) {
        this.store = store;
    }

    /** Stores {@code updated} (in order, each now the most recently updated) and drops {@code evicted}. */
    public CompletableFuture<Void> save(Collection<Row> updated, Collection<String> evicted) {
        List<Row> rows = List.copyOf(updated);
        List<String> gone = List.copyOf(evicted);
        return store.write(db -> {
            long seq;
            try (Statement s = db.createStatement();
                 var rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM alerts")) {
                seq = rs.next() ? rs.getLong(1) : 0;
            }
            try (PreparedStatement s = db.prepareStatement("INSERT INTO alerts (fingerprint, seq, alert) VALUES"
                    + " (?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET seq = excluded.seq,"
                    + " alert = excluded.alert")) {
                for (Row r : rows) {
                    s.setString(1, r.fingerprint());
                    s.setLong(2, ++seq);
                    s.setString(3, r.json());
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = db.prepareStatement("DELETE FROM alerts WHERE fingerprint = ?")) {
                for (String fingerprint : gone) {
                    s.setString(1, fingerprint);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    /** Stores when a heartbeat arrived; an earlier time than the stored one leaves it, so the time never goes back. */
    public CompletableFuture<Void> heartbeat(Instant receivedAt) {
        long at = receivedAt.toEpochMilli();
        return store.write(db -> {
            try (PreparedStatement s = db.prepareStatement("INSERT INTO alert_heartbeat (id, received_at) VALUES"
                    + " (1, ?) ON CONFLICT (id) DO UPDATE SET received_at = MAX(received_at, excluded.received_at)")) {
                s.setLong(1, at);
                s.executeUpdate();
            }
            return null;
        });
    }

    static Optional<Instant> readHeartbeat(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
             var rs = s.executeQuery("SELECT received_at FROM alert_heartbeat WHERE id = 1")) {
            return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
        }
    }

    static List<Row> read(Connection db) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             var rs = s.executeQuery("SELECT fingerprint, alert FROM alerts ORDER BY seq")) {
            while (rs.next()) {
                out.add(new Row(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }
}
