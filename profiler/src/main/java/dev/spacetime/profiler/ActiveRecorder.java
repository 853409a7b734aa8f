package dev.spacetime.profiler;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Recorder of a sampled request. Phases live in parallel arrays (no per-phase object until the phase ends) so
 * recording stays allocation-light; a phase's slot is reserved when it begins, which yields pre-order.
 * Every operation holds the recorder's monitor: a request's phases may be reported from several threads (event
 * loop, worker), and the response can end (finish) while a worker is still inside a phase.
 */
final class ActiveRecorder implements ProfileRecorder {
    /** Phases beyond this many per request are not recorded: bounded memory whatever the caller does. */
    static final int MAX_PHASES = 64;
    /** Open phases nested deeper than this are refused (a begin without end in a loop is a bug). */
    static final int MAX_DEPTH = 256;
    private static final int NOT_RECORDED = -1;
    private static final int FIRST_CAPACITY = 4;
    private static final String[] NO_NAMES = {};
    private static final long[] NO_LONGS = {};
    private static final Phase[] NO_PHASES = {};
    private static final int[] NO_INTS = {};

    private final Profiler profiler;
    private final Ticker ticker;
    private final long sequence;
    private final String method;
    private final String endpoint;
    private final long startNanos;
    private final long startEpochMillis;

    // Arrays start empty (shared, never written) and are sized on first use: many requests record no phase.
    private String[] names = NO_NAMES;
    private long[] starts = NO_LONGS;
    private Phase[] phases = NO_PHASES;
    private int[] open = NO_INTS;      // stack of open phases: their slots (or NOT_RECORDED)
    private int[] openIds = NO_INTS;   // and their begin numbers, so a stale scope cannot close a newer phase
    private int count;
    private int depth;
    private int begins;
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
    public synchronized void begin(String phase) {
        Objects.requireNonNull(phase, "phase");
        checkNotFinished();
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("phases nested deeper than " + MAX_DEPTH);
        }
        push(phase);
    }

    @Override
    public synchronized void end() {
        checkNotFinished();
        if (depth == 0) {
            throw new IllegalStateException("end() without an open phase");
        }
        close(ticker.nanoTime() - startNanos);
    }

    @Override
    public synchronized Scope phase(String phase) {
        if (finished || depth == MAX_DEPTH || phase == null) {
            return Disabled.INSTANCE; // lenient by contract: a late or runaway phase is simply not recorded
        }
        push(phase);
        return new PhaseScope(depth - 1, begins);
    }

    @Override
    public Optional<RequestProfile> finish(int status, long requestBytes, long responseBytes) {
        return finish(endpoint, status, requestBytes, responseBytes);
    }

    @Override
    public synchronized Optional<RequestProfile> finish(String endpoint, int status, long requestBytes,
                                                        long responseBytes) {
        Objects.requireNonNull(endpoint, "endpoint");
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

    private void push(String phase) {
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
            int size = Math.max(FIRST_CAPACITY, depth * 2);
            open = Arrays.copyOf(open, size);
            openIds = Arrays.copyOf(openIds, size);
        }
        open[depth] = slot;
        openIds[depth++] = ++begins;
    }

    /** Ends the phase a scope opened, and any still open inside it; a no-op if it already ended. */
    private synchronized void closeScope(int stackIndex, int beginId) {
        if (finished || stackIndex >= depth || openIds[stackIndex] != beginId) {
            return;
        }
        long now = ticker.nanoTime() - startNanos;
        while (depth > stackIndex) {
            close(now);
        }
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
        int size = Math.min(Math.max(FIRST_CAPACITY, names.length * 2), MAX_PHASES);
        names = Arrays.copyOf(names, size);
        starts = Arrays.copyOf(starts, size);
        phases = Arrays.copyOf(phases, size);
    }

    private void checkNotFinished() {
        if (finished) {
            throw new IllegalStateException("request " + RequestProfile.ID_PREFIX + sequence + " already finished");
        }
    }

    /** The scope of one phase: closing it ends exactly that phase (and its open children), once. */
    private final class PhaseScope implements Scope {
        private final int stackIndex;
        private final int beginId;

        PhaseScope(int stackIndex, int beginId) {
            this.stackIndex = stackIndex;
            this.beginId = beginId;
        }

        @Override
        public void close() {
            closeScope(stackIndex, beginId);
        }
    }
}
