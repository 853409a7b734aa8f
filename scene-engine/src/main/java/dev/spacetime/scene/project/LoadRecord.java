package dev.spacetime.scene.project;

import dev.spacetime.catalog.SceneErrorType;
import java.time.Instant;
import java.util.Optional;

/**
 * One load attempt in the history. {@code path} is the canonical path when the policy accepted it, else the
 * requested text truncated to the policy's maximum length (history memory stays bounded).
 */
public record LoadRecord(String path, Instant at, double loadDurationMs, Optional<SceneErrorType> error,
                         String message, int nodeCount) {

    public boolean success() {
        return error.isEmpty();
    }

    /** {@code success} or the error label ({@code parse_error}, ...). */
    public String outcome() {
        return error.map(SceneErrorType::label).orElse("success");
    }
}
