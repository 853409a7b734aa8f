package dev.spacetime.server.state;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The state database's schema, versioned by {@code PRAGMA user_version}: migration {@code i} (0-based) takes the
 * database from version {@code i} to {@code i + 1}, in one transaction. Add a migration at the end; never edit one
 * that has shipped. Token times are epoch milliseconds (compared in SQL); a scene load's time is ISO-8601 text, as
 * the history shows it.
 */
final class Schema {

    private static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                    // Tokens this server issued. A token is accepted only while its row exists and is not revoked;
                    // revoked rows are the revocation list, kept until the token would have expired anyway.
                    "CREATE TABLE tokens (id TEXT PRIMARY KEY, role TEXT NOT NULL, issued_at INTEGER NOT NULL,"
                            + " expires_at INTEGER NOT NULL, valid_until INTEGER NOT NULL, revoked_at INTEGER)",
                    // The latest notification per fingerprint, as GET /alerts shows it; seq orders updates.
                    "CREATE TABLE alerts (fingerprint TEXT PRIMARY KEY, seq INTEGER NOT NULL, alert TEXT NOT NULL)",
                    "CREATE TABLE scene_history (seq INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL,"
                            + " at TEXT NOT NULL, duration_ms REAL NOT NULL, error TEXT, message TEXT NOT NULL,"
                            + " node_count INTEGER NOT NULL)"),
            List.of(
                    // When the last Watchdog heartbeat reached the webhook (epoch ms): one row, kept apart from the
                    // alerts, which it never joins.
                    "CREATE TABLE alert_heartbeat (id INTEGER PRIMARY KEY CHECK (id = 1),"
                            + " received_at INTEGER NOT NULL)"));

    /** The version this server writes. */
    static final int VERSION = MIGRATIONS.size();

    private Schema() {
    }

    /** Brings the database to {@link #VERSION}; refuses one written by a newer server rather than guess. */
    static void migrate(Connection db) throws SQLException, IOException {
        int version = version(db);
        if (version > VERSION) {
            throw new IOException("the state database has schema version " + version + ", newer than this server's "
                    + VERSION + ": run the newer server, or move the state directory away to start fresh");
        }
        for (int v = version; v < VERSION; v++) {
            try (Statement s = db.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    for (String sql : MIGRATIONS.get(v)) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + (v + 1));
                    s.execute("COMMIT");
                } catch (SQLException e) {
                    s.execute("ROLLBACK");
                    throw e;
                }
            }
        }
    }

    static int version(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
