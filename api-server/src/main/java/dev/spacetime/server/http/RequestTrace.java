package dev.spacetime.server.http;

/**
 * The timed phases of one request, as handlers report them (auth, rate_limit, validation, file_io, parse,
 * serialization; see {@link Phases}). A phase is closed by the handler that opened it, possibly in a later callback,
 * and phases may nest. {@link RequestTracer} makes one per request; the default records nothing.
 */
public interface RequestTrace {

    RequestTrace NONE = new RequestTrace() {
        @Override
        public Phase phase(String name) {
            return Phase.NONE;
        }

        @Override
        public void finish(RequestOutcome outcome) {
        }
    };

    /** Starts a phase; close it when the work ends. */
    Phase phase(String name);

    /** Called once, when the response has been written or the connection closed. */
    void finish(RequestOutcome outcome);

    /** A running phase. {@code close()} is idempotent in implementations and never throws. */
    interface Phase extends AutoCloseable {
        Phase NONE = () -> { };

        @Override
        void close();
    }
}
