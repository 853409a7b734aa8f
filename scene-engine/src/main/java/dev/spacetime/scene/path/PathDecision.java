package dev.spacetime.scene.path;

import dev.spacetime.catalog.SceneErrorType;

/** The outcome of checking a requested scene path against the {@link PathPolicy}. */
public sealed interface PathDecision {

    /** The path is acceptable; {@code canonical} is what to resolve and report ({@code res://a/b.tscn}). */
    record Allowed(String canonical) implements PathDecision {
    }

    /** The path is malformed (HTTP 400, {@code invalid_path}). */
    record Invalid(String reason) implements PathDecision {
    }

    /** The path is well formed but not permitted (HTTP 403, {@code forbidden}). */
    record Forbidden(String reason) implements PathDecision {
    }

    default boolean allowed() {
        return this instanceof Allowed;
    }

    /** The error type of a refusal; {@code null} for {@link Allowed}. */
    default SceneErrorType errorType() {
        if (this instanceof Invalid) {
            return SceneErrorType.INVALID_PATH;
        }
        return this instanceof Forbidden ? SceneErrorType.FORBIDDEN : null;
    }
}
