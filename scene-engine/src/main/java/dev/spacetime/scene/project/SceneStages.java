package dev.spacetime.scene.project;

/**
 * Observes the stages of one scene operation as they happen, so a caller (the API server's request profiler) can
 * time real work instead of guessing it from the total. Stages nest: instancing another scene reads and parses it
 * inside the {@link Stage#INSTANTIATION} stage of the scene that instances it.
 */
@FunctionalInterface
public interface SceneStages {

    /** Observes nothing. */
    SceneStages NONE = stage -> () -> { };

    enum Stage {
        /** Path policy: syntax, canonicalisation, blacklist, whitelist. */
        VALIDATION,
        /** Resolving and reading files under the project root (and walking it for listings). */
        FILE_IO,
        /** Tokenising and parsing {@code .tscn} text. */
        PARSE,
        /** Building the node tree, including instanced scenes. */
        INSTANTIATION
    }

    /** Called when a stage starts; the returned span is closed when it ends (also when it fails). */
    Span begin(Stage stage);

    /** A running stage. */
    interface Span extends AutoCloseable {
        @Override
        void close();
    }
}
