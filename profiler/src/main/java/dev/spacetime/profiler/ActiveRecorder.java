package dev.spacetime.profiler;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Recorder of a sampled request. Phases live in parallel arrays (no per-phase object until the phase ends) so
 * recording stays allocation-light; a phase's slot is reserved when it begins, which yields pre-order.
 */
final class ActiveRecorder implements ProfileRecorder, ProfileRecorder.Scope {
    /** Phases beyond this many per request are not recorded: bounded memory whatever the caller does. */
    static final int MAX_PHASES = 64;
    private static final int NOT_RECORDED = -1;

    private final Profiler profiler;
    private final Ticker ticker;
    private final long sequence;
    private final String method;
    private final String endpoint;
    private final long startNanos;
    private final long startEpochMillis;

    private String[] names = new String[8];
    private long[] starts = new long[8];
    private Phase[] phases = new Phase[8];
    private int[] open = new int[8];
    private int count;
    private int depth;
    private boolean finished;

    ActiveRecorder(Profiler profiler, Ticker ticker, long sequence, String method, String endpoint) {
        this.profiler = profiler;
        this.ticker = ticker;
        this.sequence = sequence;
        this.method = Objects.requireNonNull(method, "method");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.startEpochMillis = ticker.epochMillis();
        this.startNanos = ticker.nanoTime();
    }

    @Override
    public void begin(String phase) {
        Objects.requireNonNull(phase, "phase");
        checkNotFinished();
        int slot = NOT_RECORDED;
        if (count < MAX_PHASES) {
            slot = count++;
            if (slot == names.length) {
                grow();
            }
            names[slot] = phase;
            starts[slot] = ticker.nanoTime() - startNanos;
        }
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = slot;
    }

    @Override
    public void end() {
        checkNotFinished();
        if (depth == 0) {
            throw new IllegalStateException("end() without an open phase");
        }
        close(ticker.nanoTime() - startNanos);
    }

    @Override
    public Scope phase(String phase) {
        begin(phase);
        return this;
    }

    @Override
    public void close() {
        end();
    }

    @Override
    public Optional<RequestProfile> finish(int status, long requestBytes, long responseBytes) {
        checkNotFinished();
        long duration = ticker.nanoTime() - startNanos;
        while (depth > 0) {
            close(duration);
        }
        finished = true;
        boolean slow = duration >= profiler.settings().slowThresholdNanos();
        RequestProfile profile = new RequestProfile(sequence, method, endpoint, status, Math.max(0, requestBytes),
                Math.max(0, responseBytes), startEpochMillis, startNanos, duration, slow,
                List.of(count == phases.length ? phases : Arrays.copyOf(phases, count)));
        profiler.store(profile);
        return Optional.of(profile);
    }

    @Override
    public Optional<String> id() {
        return Optional.of(RequestProfile.ID_PREFIX + sequence);
    }

    @Override
    public boolean active() {
        return true;
    }

    private void close(long endOffset) {
        int slot = open[--depth];
        if (slot == NOT_RECORDED) {
            return;
        }
        // Unrecorded phases only ever come after MAX_PHASES recorded ones, so they never enclose a recorded
        // phase: the entry below in the open stack is the recorded parent and the stack position is the depth.
        int parent = depth == 0 ? Phase.ROOT : open[depth - 1];
        phases[slot] = new Phase(names[slot], parent, depth, starts[slot], endOffset - starts[slot]);
    }

    private void grow() {
        int size = Math.min(names.length * 2, MAX_PHASES);
        names = Arrays.copyOf(names, size);
        starts = Arrays.copyOf(starts, size);
        phases = Arrays.copyOf(phases, size);
    }

    private void checkNotFinished() {
        if (finished) {
            throw new IllegalStateException("request " + RequestProfile.ID_PREFIX + sequence + " already finished");
        }
    }
}
