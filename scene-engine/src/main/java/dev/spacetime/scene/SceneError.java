package dev.spacetime.scene;

import dev.spacetime.catalog.SceneErrorType;
import java.util.Objects;

/**
 * Why a scene could not be loaded. {@code scenePath} is the {@code res://} file the error is in (a dependency of the
 * requested scene for instancing errors); {@code line} and {@code column} are 1-based, or 0 when not about a
 * position in a file.
 */
public record SceneError(SceneErrorType type, String message, String scenePath, int line, int column) {
    public SceneError {
        Objects.requireNonNull(type);
        Objects.requireNonNull(message);
        Objects.requireNonNull(scenePath);
    }

    public static SceneError of(SceneErrorType type, String scenePath, String message) {
        return new SceneError(type, message, scenePath, 0, 0);
    }

    /** "res://a.tscn line 3, column 7: reason", or just the message when there is no position. */
    public String describe() {
        return line > 0 ? scenePath + " line " + line + ", column " + column + ": " + message : message;
    }

    public SceneException toException() {
        return new SceneException(this);
    }
}
