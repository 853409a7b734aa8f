package dev.spacetime.catalog;

/** Values of {@code scene_load_errors_total{error_type}}; all are pre-seeded at 0. */
public enum SceneErrorType {
    /** Path failed syntax checks (length, scheme, extension, traversal). */
    INVALID_PATH,
    /** Path is blacklisted or not whitelisted. */
    FORBIDDEN,
    /** No such scene file. */
    NOT_FOUND,
    /** The file is not a valid scene. */
    PARSE_ERROR,
    /** The file exceeds the size limit. */
    TOO_LARGE,
    /** Anything else (I/O failure, instantiation error). */
    INTERNAL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
