package dev.spacetime.server.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The issued-token table: each token's id, role and times (never the token itself, except the named credentials
 * the server hands out again after a restart: the admin token file and the Alertmanager webhook token). Revoking
 * marks a row; revoked rows are the revocation list. Bounded: rows whose token is past its validity are dropped on
 * every write, and at most {@value #MAX_REVOKED} revoked rows are kept (the newest revocations), as many as the
 * tokens that can be active at once. Dropping a revoked row never revives its token: only tokens with a row that is
 * not revoked are accepted.
 */
public final class TokenRecords {

    static final int MAX_REVOKED = 1000;
    /** The setting under which a named credential's token is kept. */
    private static final String CREDENTIAL = "credential.";

    /** A token's metadata; {@code role} is the role's label. */
    public record Row(String id, String role, Instant issuedAt, Instant expiresAt, Instant validUntil) {
    }

    private final StateStore store;

    TokenRecords(StateStore store) {
        this.store = store;
    }

    /** The setting key of a named credential, for {@link Restored#setting(String)}. */
    public static String credentialKey(String name) {
        return CREDENTIAL + name;
    }

    /**
     * Stores new or changed rows and, in the same transaction, named credentials (name to token), so a credential is
     * never kept without its row.
     */
    public CompletableFuture<Void> save(Collection<Row> rows, Map<String, String> credentials, Instant now) {
        List<Row> copy = List.copyOf(rows);
        Map<String, String> named = Map.copyOf(credentials);
        return store.write(db -> {
            try (PreparedStatement s = db.prepareStatement("INSERT INTO tokens (id, role, issued_at, expires_at,"
                    + " valid_until) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET role = excluded.role,"
                    + " issued_at = excluded.issued_at, expires_at = excluded.expires_at,"
                    + " valid_until = excluded.valid_until")) {
                for (Row r : copy) {
                    s.setString(1, r.id());
                    s.setString(2, r.role());
                    s.setLong(3, r.issuedAt().toEpochMilli());
                    s.setLong(4, r.expiresAt().toEpochMilli());
                    s.setLong(5, r.validUntil().toEpochMilli());
                    s.addBatch();
                }
                s.executeBatch();
            }
            for (Map.Entry<String, String> c : named.entrySet()) {
                StateStore.upsertSetting(db, credentialKey(c.getKey()), c.getValue());
            }
            trim(db, now);
            return null;
        });
    }

    /** Marks tokens revoked. */
    public CompletableFuture<Void> revoke(Collection<String> ids, Instant now) {
        List<String> copy = List.copyOf(ids);
        return store.write(db -> {
            try (PreparedStatement s = db.prepareStatement(
                    "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                for (String id : copy) {
                    s.setLong(1, now.toEpochMilli());
                    s.setString(2, id);
                    s.addBatch();
                }
                s.executeBatch();
            }
            trim(db, now);
            return null;
        });
    }

    private static void trim(Connection db, Instant now) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("DELETE FROM tokens WHERE valid_until <= ?")) {
            s.setLong(1, now.toEpochMilli());
            s.executeUpdate();
        }
        try (PreparedStatement s = db.prepareStatement("DELETE FROM tokens WHERE revoked_at IS NOT NULL AND id NOT IN"
                + " (SELECT id FROM tokens WHERE revoked_at IS NOT NULL ORDER BY revoked_at DESC LIMIT ?)")) {
            s.setInt(1, MAX_REVOKED);
            s.executeUpdate();
        }
    }

    /** The tokens still accepted at {@code now}. */
    static List<Row> readAccepted(Connection db, Instant now) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT id, role, issued_at, expires_at, valid_until FROM tokens"
                + " WHERE revoked_at IS NULL AND valid_until > ? ORDER BY issued_at")) {
            s.setLong(1, now.toEpochMilli());
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                            Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5))));
                }
            }
        }
        return out;
    }
}
