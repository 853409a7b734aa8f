package dev.spacetime.server.health;

/**
 * One health subsystem. {@link #check()} may block (it runs on a health worker thread, bounded by the configured
 * timeout, never on the event loop). To add a subsystem, implement this and add it to the list in
 * {@code dev.spacetime.server.Modules#healthChecks}.
 */
public interface HealthCheck {

    /** The subsystem name in /health and in {@code health_status{subsystem}}; fixed for the server's lifetime. */
    String name();

    HealthResult check() throws Exception;

    /**
     * True when the subsystem measures something clients control rather than the server's ability to serve: its
     * state is reported and exported as is, but it makes the overall state (and so /health's status code and
     * /health/ready) at most degraded.
     */
    default boolean advisory() {
        return false;
    }
}
