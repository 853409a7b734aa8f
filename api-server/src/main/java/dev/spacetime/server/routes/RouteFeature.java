package dev.spacetime.server.routes;

/**
 * A group of routes the server mounts (health, metrics, auth, the scene API, the alert webhook, the profiler). A
 * feature is constructed with the services it uses; to add one, implement this and add it to the list in
 * {@code dev.spacetime.server.Modules#features}.
 */
@FunctionalInterface
public interface RouteFeature {

    /** Declares this feature's routes. Runs once, on the starting thread, before the server listens. */
    void mount(Routes routes);

    /**
     * Runs once the server listens, before it reports so: for work only the instance that owns the port may do,
     * such as writing credentials other processes read. A failure stops the server from starting.
     */
    default void listening() throws java.io.IOException {
    }
}
