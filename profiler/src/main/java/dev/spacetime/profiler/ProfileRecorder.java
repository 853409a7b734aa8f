package dev.spacetime.profiler;

import java.util.Optional;

/**
 * Records one request. Obtained from {@link Profiler#start}; used by one thread at a time (handing it to
 * another thread through an executor or a Vert.x context hop is fine, concurrent use is not).
 * Phases nest: {@link #begin} inside an open phase starts a child. {@link #finish} closes phases still open.
 * A request that was not sampled gets a recorder that ignores every call, so call sites need no checks.
 */
public sealed interface ProfileRecorder permits ActiveRecorder, ProfileRecorder.Disabled {

    /** Starts a phase (a child of the innermost open phase, if any). */
    void begin(String phase);

    /** Ends the innermost open phase. */
    void end();

    /** Starts a phase and returns a scope whose {@code close()} ends it: {@code try (var p = rec.phase("parse"))}. */
    Scope phase(String phase);

    /**
     * Ends the request and stores its profile. Returns the stored profile, or empty when this request was not
     * profiled. A recorder finishes once; later calls throw {@link IllegalStateException}.
     */
    Optional<RequestProfile> finish(int status, long requestBytes, long responseBytes);

    /** The request id ({@code req_<n>}), or empty when this request is not profiled. */
    Optional<String> id();

    /** Whether this request is being profiled. */
    boolean active();

    /** Closing ends the phase opened by {@link #phase}; closing twice ends the enclosing phase too. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The recorder of a request that is not profiled: every call is a no-op. */
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
        public Optional<RequestProfile> finish(int status, long requestBytes, long responseBytes) {
            return Optional.empty();
        }

        @Override
        public Optional<String> id() {
            return Optional.empty();
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
