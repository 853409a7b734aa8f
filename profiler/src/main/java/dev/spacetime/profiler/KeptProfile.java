package dev.spacetime.profiler;

import java.util.List;

/**
 * A finished request as the {@link ProfileStore} keeps it: the recorder's flat phase arrays, frozen, and no
 * {@link Phase} object until a query asks for the {@link RequestProfile} ({@link #toProfile}): building them at
 * finish was a third of the recorder's allocation and work per request (JMH, six phases: 920 B and 219 ns of
 * recording logic with them, 592 B and 149 ns without), paid on every request for the few that are ever looked at.
 * <p>
 * Immutable once stored: the first {@code phaseCount} slots of {@code names} and {@code times} never change again
 * ({@link ActiveRecorder#finish} copies them when a late phase could still end).
 */
final class KeptProfile {
    /** Per slot in {@code times}: start offset, end offset, parent slot. */
    static final int FIELDS = 3;

    private final long sequence;
    private final String method;
    private final String endpoint;
    private final int status;
    private final long requestBytes;
    private final long responseBytes;
    private final long startEpochMillis;
    private final long startNanos;
    private final long durationNanos;
    private final boolean slow;
    private final int phaseCount;
    private final String[] names;
    private final long[] times;

    KeptProfile(long sequence, String method, String endpoint, int status, long requestBytes, long responseBytes,
                long startEpochMillis, long startNanos, long durationNanos, boolean slow,
                int phaseCount, String[] names, long[] times) {
        this.sequence = sequence;
        this.method = method;
        this.endpoint = endpoint;
        this.status = status;
        this.requestBytes = requestBytes;
        this.responseBytes = responseBytes;
        this.startEpochMillis = startEpochMillis;
        this.startNanos = startNanos;
        this.durationNanos = durationNanos;
        this.slow = slow;
        this.phaseCount = phaseCount;
        this.names = names;
        this.times = times;
    }

    long sequence() {
        return sequence;
    }

    boolean slow() {
        return slow;
    }

    /** The profile, built anew on each call (equal each time). */
    RequestProfile toProfile() {
        Phase[] phases = new Phase[phaseCount];
        for (int slot = 0; slot < phaseCount; slot++) {
            int base = slot * FIELDS;
            long start = times[base];
            int parent = (int) times[base + 2];
            int depth = parent == Phase.ROOT ? 0 : phases[parent].depth() + 1;
            phases[slot] = new Phase(names[slot], parent, depth, start, times[base + 1] - start);
        }
        return new RequestProfile(sequence, method, endpoint, status, requestBytes, responseBytes, startEpochMillis,
                startNanos, durationNanos, slow, List.of(phases));
    }
}
