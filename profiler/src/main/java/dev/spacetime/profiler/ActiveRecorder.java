package dev.spacetime.profiler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Recorder of a sampled request, built for the request path: no lock, one clock read per phase boundary, the phases
 * kept in two flat arrays, and no {@link Phase} or {@link RequestProfile} object at all: {@link #finish} stores the
 * arrays as a {@link KeptProfile}, and the profile is built only when someone asks for it.
 * <p>
 * Threads: phases are reported by one thread at a time (a request handed from an event loop to a worker and back is
 * fine: the hand-off orders the two), while {@code finish} may run on any thread at any moment, e.g. on the event
 * loop when the client hangs up while a worker is inside a phase. So the writer publishes each phase it starts with
 * a release store of {@code count} and each end with a release store into {@code times}, and {@code finish} reads
 * them with acquire, in slot order. What it sees always nests: a parent's slot comes before its children's and a
 * phase ends only after the phases inside it, so an end it sees implies the ends of those. Offsets are clamped to
 * the request's duration, and phases still open (or ended after it) end with the request. Slots that finish saw
 * ended within the duration are never written again (a late writer only ends open phases or opens new slots), so
 * the kept profile shares the arrays; otherwise it gets a clamped copy.
 */
final class ActiveRecorder implements ProfileRecorder {
    /** Phases beyond this many per request are not recorded: bounded memory whatever the caller does. */
    static final int MAX_PHASES = 64;
    /** Open phases nested deeper than this are refused (a begin without end in a loop is a bug). */
    static final int MAX_DEPTH = 256;
    /** End offset of a phase still open; per slot in {@code times}: start, end, parent ({@link KeptProfile}). */
    private static final long OPEN = -1;
    private static final int FIELDS = KeptProfile.FIELDS;
    private static final int FIRST_CAPACITY = 4;
    private static final String[] NO_NAMES = {};
    private static final long[] NO_TIMES = {};
    private static final VarHandle COUNT;
    private static final VarHandle FINISHED;
    private static final VarHandle KEPT;
    private static final VarHandle TIME = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            COUNT = lookup.findVarHandle(ActiveRecorder.class, "count", int.class);
            FINISHED = lookup.findVarHandle(ActiveRecorder.class, "finished", boolean.class);
            KEPT = lookup.findVarHandle(ActiveRecorder.class, "kept", KeptProfile.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Profiler profiler;
    private final Ticker ticker;
    private final long sequence;
    private final String method;
    private final String endpoint;
    private final long startNanos;
    private final String traceId;

    // Replaced (never shrunk) when full; volatile so that finish sees the copies' contents. Start empty (shared,
    // never written): many requests record no phase.
    private volatile String[] names = NO_NAMES;
    private volatile long[] times = NO_TIMES;
    private int count;            // slots in use; written with release by the writer, read with acquire by finish
    private volatile boolean finished;
    private KeptProfile kept;     // release/acquire: a volatile store would cost a fence per request for profile()
    // The writer's own state: the open phases are the chain innermost -> parent -> ... -> ROOT.
    private int innermost = Phase.ROOT;
    private int openRecorded;
    private int openUnrecorded;   // begin()s past MAX_PHASES: always inside every open recorded phase

    ActiveRecorder(Profiler profiler, Ticker ticker, long sequence, String method, String endpoint, long startNanos,
                   String traceId) {
        this.profiler = profiler;
        this.ticker = ticker;
        this.sequence = sequence;
        this.method = Objects.requireNonNull(method, "method");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.startNanos = startNanos;
        this.traceId = traceId;
    }

    @Override
    public void begin(String phase) {
        Objects.requireNonNull(phase, "phase");
        checkNotFinished();
        if (openRecorded + openUnrecorded == MAX_DEPTH) {
            throw new IllegalStateException("phases nested deeper than " + MAX_DEPTH);
        }
        if (count < MAX_PHASES) {
            open(phase);
        } else {
            openUnrecorded++;
        }
    }

    @Override
    public void end() {
        checkNotFinished();
        if (openUnrecorded > 0) {
            openUnrecorded--;
        } else if (innermost == Phase.ROOT) {
            throw new IllegalStateException("end() without an open phase");
        } else {
            closeThrough(innermost);
        }
    }

    @Override
    public Scope phase(String phase) {
        // Lenient by contract: a late, runaway or surplus phase is simply not recorded.
        if (finished || phase == null || count == MAX_PHASES || openRecorded + openUnrecorded == MAX_DEPTH) {
            return Disabled.INSTANCE;
        }
        return new PhaseScope(open(phase));
    }

    @Override
    public void finish(int status, long requestBytes, long responseBytes) {
        finish(endpoint, status, requestBytes, responseBytes, ticker.nanoTime() - startNanos);
    }

    @Override
    public void finish(String endpoint, int status, long requestBytes, long responseBytes, long durationNanos) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!FINISHED.compareAndSet(this, false, true)) {
            throw alreadyFinished();
        }
        long duration = Math.max(0, durationNanos);
        int n = (int) COUNT.getAcquire(this);
        String[] names = this.names;  // read after count: at least as new as the slots counted
        long[] times = this.times;
        if (!settled(times, n, duration)) {
            names = Arrays.copyOf(names, n);
            times = clampedCopy(times, n, duration);
        }
        KeptProfile done = new KeptProfile(sequence, method, endpoint, status, Math.max(0, requestBytes),
                Math.max(0, responseBytes), profiler.epochMillisAt(startNanos), startNanos, duration,
                duration >= profiler.settings().slowThresholdNanos(), n, names, times, traceId);
        KEPT.setRelease(this, done);
        profiler.store(done);
    }

    @Override
    public Optional<RequestProfile> profile() {
        KeptProfile done = (KeptProfile) KEPT.getAcquire(this);
        return done == null ? Optional.empty() : Optional.of(done.toProfile());
    }

    @Override
    public Optional<String> id() {
        return Optional.of(RequestProfile.ID_PREFIX + sequence);
    }

    @Override
    public long sequence() {
        return sequence;
    }

    @Override
    public boolean active() {
        return true;
    }

    /** Whether every published phase ended, after it started and within the duration: then no slot changes again. */
    private static boolean settled(long[] times, int n, long duration) {
        for (int base = 0; base < n * FIELDS; base += FIELDS) {
            long end = (long) TIME.getAcquire(times, base + 1);
            if (end == OPEN || end < times[base] || end > duration) {
                return false;
            }
        }
        return true;
    }

    /** The published phases as described in the class comment, in arrays of their own. */
    private static long[] clampedCopy(long[] times, int n, long duration) {
        long[] copy = new long[n * FIELDS];
        for (int base = 0; base < copy.length; base += FIELDS) {
            long start = Math.min(times[base], duration);
            long end = (long) TIME.getAcquire(times, base + 1);
            copy[base] = start;
            copy[base + 1] = end == OPEN ? duration : Math.max(start, Math.min(end, duration));
            copy[base + 2] = times[base + 2];
        }
        return copy;
    }

    /** Starts a recorded phase in the next slot and publishes it; returns the slot. */
    private int open(String phase) {
        int slot = count;
        int base = slot * FIELDS;
        if (base == times.length) {
            grow();
        }
        long[] t = times;
        names[slot] = phase;
        t[base] = Math.max(0, ticker.nanoTime() - startNanos);
        t[base + 1] = OPEN;
        t[base + 2] = innermost;
        innermost = slot;
        openRecorded++;
        COUNT.setRelease(this, slot + 1);
        return slot;
    }

    /** Ends the phase in {@code slot} and every phase still open inside it; a no-op if it already ended. */
    private void closeScope(int slot) {
        if (!finished && times[slot * FIELDS + 1] == OPEN) {
            closeThrough(slot);
        }
    }

    private void closeThrough(int slot) {
        long[] t = times;
        long end = Math.max(0, ticker.nanoTime() - startNanos);
        openUnrecorded = 0;
        int closing;
        do { // innermost first, so that whoever sees an end also sees the ends inside it
            closing = innermost;
            TIME.setRelease(t, closing * FIELDS + 1, end);
            innermost = (int) t[closing * FIELDS + 2];
            openRecorded--;
        } while (closing != slot);
    }

    private void grow() {
        int slots = Math.min(Math.max(FIRST_CAPACITY, names.length * 2), MAX_PHASES);
        long[] t = Arrays.copyOf(times, slots * FIELDS);
        String[] n = Arrays.copyOf(names, slots);
        times = t;
        names = n;
    }

    private void checkNotFinished() {
        if (finished) {
            throw alreadyFinished();
        }
    }

    private IllegalStateException alreadyFinished() {
        return new IllegalStateException("request " + RequestProfile.ID_PREFIX + sequence + " already finished");
    }

    /** The scope of one phase: closing it ends exactly that phase (and its open children), once. */
    private final class PhaseScope implements Scope {
        private final int slot;

        PhaseScope(int slot) {
            this.slot = slot;
        }

        @Override
        public void close() {
            closeScope(slot);
        }
    }
}
