package dev.spacetime.server.http;

import dev.spacetime.profiler.ProfileRecorder;

/**
 * The timed phases of one request, as handlers report them (auth, rate_limit, validation, file_io, parse,
 * serialization; see {@link Phases}). A phase is closed by the handler that opened it, possibly in a later callback,
 * and phases may nest. {@link RequestTracer} makes one per request; the default records nothing.
 */
public interface RequestTrace {

    RequestTrace NONE = new RequestTrace() {
        @Override
        public ProfileRecorder.Scope phase(String name) {
            return ProfileRecorder.Scope.NONE;
        }

        @Override
        public void finish(RequestOutcome outcome) {
        }
    };

    /**
     * Starts a phase; close the returned scope when the work ends. It is the profiler's own scope (no wrapper per
     * phase on the request path): {@code close()} is idempotent and never throws.
     */
    ProfileRecorder.Scope phase(String name);

    /** Called once, when the response has been written or the connection closed. */
    void finish(RequestOutcome outcome);

    /**
     * The sequence of the request's kept profile ({@code req_<n>}), which latency exemplars point at; 0 when the
     * request is not profiled.
     */
    default long profileSequence() {
        return 0;
    }
}
