package dev.spacetime.server.state;

import dev.spacetime.scene.project.LoadRecord;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the server kept from its previous runs, read once when the store opens.
 *
 * @param settings      named values: the signing secret, named credentials, profiler changes
 * @param tokens        tokens still accepted (not revoked, not expired)
 * @param alerts        received alerts, least recently updated first
 * @param sceneHistory  scene loads, newest first
 * @param lastHeartbeat when the last Watchdog heartbeat arrived; empty when none ever did
 */
public record Restored(Map<String, String> settings, List<TokenRecords.Row> tokens, List<AlertRecords.Row> alerts,
                       List<LoadRecord> sceneHistory, Optional<Instant> lastHeartbeat) {

    /** The token signing secret: 256 bits from SecureRandom, generated when the database is created. */
    static final String SECRET = "auth.secret";
    private static final int SECRET_BYTES = 32;

    public Restored {
        settings = Map.copyOf(settings);
        tokens = List.copyOf(tokens);
        alerts = List.copyOf(alerts);
        sceneHistory = List.copyOf(sceneHistory);
    }

    /** The stored signing secret (a configured {@code auth.secret} takes precedence over it). */
    public String secret() {
        return settings.get(SECRET);
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    static Restored read(Connection db, Instant now) throws SQLException {
        Map<String, String> settings = new HashMap<>();
        try (Statement s = db.createStatement(); var rs = s.executeQuery("SELECT key, value FROM settings")) {
            while (rs.next()) {
                settings.put(rs.getString(1), rs.getString(2));
            }
        }
        if (!settings.containsKey(SECRET)) {
            byte[] bytes = new byte[SECRET_BYTES];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            StateStore.upsertSetting(db, SECRET, secret);
            settings.put(SECRET, secret);
        }
        return new Restored(settings, TokenRecords.readAccepted(db, now), AlertRecords.read(db),
                SceneHistoryRecords.read(db), AlertRecords.readHeartbeat(db));
    }
}
