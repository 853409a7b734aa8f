package dev.spacetime.server;

/**
 * A group of routes the server mounts (health, metrics, auth; later the scene API, the profiler, the alert webhook).
 * To add one, implement this and add it to {@link Modules#features()}.
 */
@FunctionalInterface
public interface RouteFeature {

    /** Declares this feature's routes. Runs once, on the starting thread, before the server listens. */
    void mount(Routes routes, ServerContext ctx);
}
