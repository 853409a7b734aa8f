package dev.spacetime.profiler;

import java.util.Optional;

/**
 * Records one request. Obtained from {@link Profiler#start}. Phases are reported by one thread at a time: a request
 * may move between threads (event loop, worker and back), as long as the hand-off orders them, as Vert.x's does.
 * {@link #finish} may run on any thread at any moment, even while another thread is inside a phase (the client hung
 * up): the profile holds the phases as far as they were published then, still-open ones ending with the request.
 * Two ways to time phases:
 * <ul>
 *   <li>{@link #phase} (for servers): returns a scope whose {@code close()} ends exactly that phase, is idempotent
 *   and never throws; closing a phase also ends the phases still open inside it; a phase started after
 *   {@code finish} is not recorded. Close it with try-with-resources or in the callback that ends the work.</li>
 *   <li>{@link #begin}/{@link #end} (strict, LIFO): misuse throws {@link IllegalStateException}.</li>
 * </ul>
 * Phases nest: a phase started while another is open is its child. {@code finish} ends phases still open.
 * A request that was not sampled gets a recorder that ignores every call, so call sites need no checks.
 */
public sealed interface ProfileRecorder permits ActiveRecorder, ProfileRecorder.Disabled {

    /** Starts a phase (a child of the innermost open phase, if any). */
    void begin(String phase);

    /** Ends the innermost open phase. */
    void end();

    /** Starts a phase and returns the scope that ends it: {@code try (var p = rec.phase("parse")) {...}}. */
    Scope phase(String phase);

    /**
     * Ends the request and keeps its profile under the endpoint given to {@link Profiler#start}; a no-op when this
     * request is not profiled. A recorder finishes once; a second call throws {@link IllegalStateException}.
     */
    void finish(int status, long requestBytes, long responseBytes);

    /**
     * Like {@link #finish(int, long, long)}, with the endpoint (route template) known only once routing is done and
     * the request's duration as the caller measured it from the {@code startNanos} it gave to
     * {@link Profiler#start(String, String, long)}, on the same clock (a server times each request anyway; reusing
     * its readings saves the profiler two clock reads per request). Phases are clamped to that duration.
     */
    void finish(String endpoint, int status, long requestBytes, long responseBytes, long durationNanos);

    /**
     * The finished request's profile, built from what was recorded when it is asked for (finishing builds nothing:
     * it is on the request path); empty before {@code finish} and when this request is not profiled.
     */
    Optional<RequestProfile> profile();

    /** The request id ({@code req_<n>}), or empty when this request is not profiled. */
    Optional<String> id();

    /**
     * The request's sequence number, the {@code <n>} of its id, without building the id string (a server keeps it
     * to point at the profile later); 0 when this request is not profiled (ids start at 1).
     */
    long sequence();

    /** Whether this request is being profiled. */
    boolean active();

    /** Ends the phase opened by {@link #phase}; idempotent, never throws. */
    interface Scope extends AutoCloseable {
        /** The scope of a phase that is not recorded. */
        Scope NONE = Disabled.INSTANCE;

        @Override
        void close();
    }

    /** The recorder of a request that is not profiled, and the scope of an unrecorded phase: all no-ops. */
    final class Disabled implements ProfileRecorder, Scope {
        static final Disabled INSTANCE = new Disabled();

        private Disabled() {
        }

        @Override
        public void begin(String phase) {
        }

        @Override
        public void end() {
        }

        @Override
        public Scope phase(String phase) {
            return this;
        }

        @Override
        public void finish(int status, long requestBytes, long responseBytes) {
        }

        @Override
        public void finish(String endpoint, int status, long requestBytes, long responseBytes, long durationNanos) {
        }

        @Override
        public Optional<RequestProfile> profile() {
            return Optional.empty();
        }

        @Override
        public Optional<String> id() {
            return Optional.empty();
        }

        @Override
        public long sequence() {
            return 0;
        }

        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
