package dev.spacetime.scene;

import java.util.concurrent.CancellationException;

/**
 * Cancellation of scene work by interrupting its thread (the API server's workload pool does so when the client
 * has gone or the deadline passed). Long loops call {@link #check()} between items, so a cancelled load, validation
 * or parse stops within one item instead of running to the end for nobody.
 */
public final class Cancellation {

    private Cancellation() {
    }

    /** Throws when the current thread was interrupted; the interrupt stays set for the caller to see. */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("scene work cancelled");
        }
    }
}
