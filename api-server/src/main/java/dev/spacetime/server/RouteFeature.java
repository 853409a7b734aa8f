package dev.spacetime.server;

/**
 * A group of routes the server mounts (health, metrics, auth, the scene API, the profiler, the alert webhook).
 * To add one, implement this and add it to {@link Modules#features()}.
 */
@FunctionalInterface
public interface RouteFeature {

    /** Declares this feature's routes. Runs once, on the starting thread, before the server listens. */
    void mount(Routes routes, ServerContext ctx);

    /**
     * Runs once the server listens, before it reports so: for work only the instance that owns the port may do,
     * such as writing credentials other processes read. A failure stops the server from starting.
     */
    default void listening(ServerContext ctx) throws java.io.IOException {
    }
}
