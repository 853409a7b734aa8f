package dev.spacetime.server.state;

import dev.spacetime.catalog.SceneErrorType;
import dev.spacetime.scene.project.LoadRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Scene loads ({@code GET /scene/history}), trimmed on every write to as many as the history shows. */
public final class SceneHistoryRecords {

    private final StateStore store;

    SceneHistoryRecords(StateStore store) {
        this.store = store;
    }

    /** Appends one load and keeps the newest {@code keep}. */
    public CompletableFuture<Void> append(LoadRecord r, int keep) {
        return store.write(db -> {
            try (PreparedStatement s = db.prepareStatement("INSERT INTO scene_history (path, at, duration_ms, error,"
                    + " message, node_count) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, r.path());
                s.setString(2, r.at().toString());
                s.setDouble(3, r.loadDurationMs());
                if (r.error().isPresent()) {
                    s.setString(4, r.error().get().label());
                } else {
                    s.setNull(4, Types.VARCHAR);
                }
                s.setString(5, r.message());
                s.setInt(6, r.nodeCount());
                s.executeUpdate();
            }
            try (PreparedStatement s = db.prepareStatement("DELETE FROM scene_history WHERE seq NOT IN"
                    + " (SELECT seq FROM scene_history ORDER BY seq DESC LIMIT ?)")) {
                s.setInt(1, keep);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Newest first; a row naming an error type this server does not know is skipped. */
    static List<LoadRecord> read(Connection db) throws SQLException {
        List<LoadRecord> out = new ArrayList<>();
        try (Statement s = db.createStatement(); var rs = s.executeQuery("SELECT path, at, duration_ms, error,"
                + " message, node_count FROM scene_history ORDER BY seq DESC")) {
            while (rs.next()) {
                String label = rs.getString(4);
                Optional<SceneErrorType> error = Arrays.stream(SceneErrorType.values())
                        .filter(t -> t.label().equals(label)).findFirst();
                if (label != null && error.isEmpty()) {
                    continue;
                }
                out.add(new LoadRecord(rs.getString(1), Instant.parse(rs.getString(2)), rs.getDouble(3), error,
                        rs.getString(5), rs.getInt(6)));
            }
        }
        return out;
    }
}
