package dev.spacetime.scene;

/** A failed scene operation; {@link #error()} carries the type the server maps to a status and a metric label. */
public final class SceneException extends Exception {
    private final transient SceneError error;

    public SceneException(SceneError error) {
        super(error.type().label() + ": " + error.message());
        this.error = error;
    }

    public SceneError error() {
        return error;
    }
}
