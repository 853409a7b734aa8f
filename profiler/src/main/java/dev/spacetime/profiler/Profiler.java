package dev.spacetime.profiler;

import dev.spacetime.profiler.stats.EndpointStats;
import dev.spacetime.profiler.stats.PhaseStats;
import dev.spacetime.profiler.stats.ProfileStatistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.function.UnaryOperator;

/**
 * The request profiler: hands out recorders, keeps finished profiles in bounded memory and answers queries.
 * Thread-safe: any number of threads may start, record and finish requests while others query or change
 * settings. Queries work on a consistent snapshot and return newest first.
 */
public final class Profiler {
    private final Ticker ticker;
    // Wall clock = anchor + monotonic time since: one clock read per request instead of two (display only).
    private final long anchorEpochMillis;
    private final long anchorNanos;
    private final AtomicLong sequence = new AtomicLong();
    private final ProfileStore store;
    private final Object settingsLock = new Object();
    private volatile ProfilerSettings settings;

    public Profiler() {
        this(ProfilerSettings.DEFAULTS, Ticker.SYSTEM);
    }

    public Profiler(ProfilerSettings settings, Ticker ticker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.anchorEpochMillis = ticker.epochMillis();
        this.anchorNanos = ticker.nanoTime();
        this.store = new ProfileStore(settings.capacity(), settings.slowCapacity());
    }

    /**
     * Starts profiling a request. {@code endpoint} must be the route template (never the raw path) so the kept
     * data stays bounded. Returns a no-op recorder when profiling is disabled or the request is not sampled.
     */
    public ProfileRecorder start(String method, String endpoint) {
        return sampled() ? recorder(method, endpoint, ticker.nanoTime(), null) : ProfileRecorder.Disabled.INSTANCE;
    }

    /**
     * As {@link #start(String, String)}, for a request that started at {@code startNanos} on this profiler's
     * {@link Ticker} (a server that reads the clock for its own metrics passes that reading: one read fewer).
     */
    public ProfileRecorder start(String method, String endpoint, long startNanos) {
        return start(method, endpoint, startNanos, null);
    }

    /**
     * As {@link #start(String, String, long)}, for a request that belongs to a distributed trace: {@code traceId}
     * (the W3C trace id of its {@code traceparent} header, or null) is kept in its profile.
     */
    public ProfileRecorder start(String method, String endpoint, long startNanos, String traceId) {
        return sampled() ? recorder(method, endpoint, startNanos, traceId) : ProfileRecorder.Disabled.INSTANCE;
    }

    private boolean sampled() {
        ProfilerSettings s = settings;
        return s.enabled() && (s.sampleRate() >= 1.0 || ThreadLocalRandom.current().nextDouble() < s.sampleRate());
    }

    private ProfileRecorder recorder(String method, String endpoint, long startNanos, String traceId) {
        return new ActiveRecorder(this, ticker, sequence.incrementAndGet(), method, endpoint, startNanos, traceId);
    }

    public ProfilerSettings settings() {
        return settings;
    }

    /**
     * Applies {@code change} to the current settings atomically and returns the new settings. A smaller
     * capacity drops the oldest kept profiles; the slow threshold applies to requests finishing afterwards.
     *
     * @throws IllegalArgumentException if the change produces out-of-range settings (nothing changes then)
     */
    public ProfilerSettings updateSettings(UnaryOperator<ProfilerSettings> change) {
        synchronized (settingsLock) {
            ProfilerSettings next = Objects.requireNonNull(change.apply(settings), "settings");
            store.resize(next.capacity(), next.slowCapacity());
            settings = next;
            return next;
        }
    }

    /** Kept recent profiles matching {@code query} (all its filters and its limit), newest first. */
    public List<RequestProfile> recent(ProfileQuery query) {
        return select(store.snapshot().recent(), query, query.limit());
    }

    /** Kept slow profiles matching {@code query} (from the slow list, which outlives bursts of fast requests). */
    public List<RequestProfile> slow(ProfileQuery query) {
        return slow(store.snapshot(), query);
    }

    /** Per-phase statistics over every kept recent profile matching {@code query} (its limit is ignored). */
    public List<PhaseStats> phaseStatistics(ProfileQuery query) {
        return ProfileStatistics.byPhase(select(store.snapshot().recent(), query, Integer.MAX_VALUE));
    }

    /** Per-endpoint statistics over every kept recent profile matching {@code query} (its limit is ignored). */
    public List<EndpointStats> endpointSummary(ProfileQuery query) {
        return ProfileStatistics.byEndpoint(select(store.snapshot().recent(), query, Integer.MAX_VALUE));
    }

    /** The longest kept recent profile matching {@code query} (ties: the newest). */
    public Optional<RequestProfile> slowestRecent(ProfileQuery query) {
        return slowest(select(store.snapshot().recent(), query, Integer.MAX_VALUE));
    }

    /** All of the above for one query, from one snapshot: what a /debug/profile response shows. */
    public ProfileView view(ProfileQuery query) {
        ProfileStore.Snapshot snap = store.snapshot();
        List<RequestProfile> matching = select(snap.recent(), query, Integer.MAX_VALUE);
        return new ProfileView(query, matching.subList(0, Math.min(query.limit(), matching.size())),
                slow(snap, query), ProfileStatistics.byPhase(matching), ProfileStatistics.byEndpoint(matching),
                slowest(matching), snap.totals(), settings);
    }

    /** The profile with id {@code req_<n>}, from either list; empty for an unknown or malformed id. */
    public Optional<RequestProfile> find(String id) {
        if (id == null || !id.startsWith(RequestProfile.ID_PREFIX)) {
            return Optional.empty();
        }
        long seq;
        try {
            seq = Long.parseLong(id.substring(RequestProfile.ID_PREFIX.length()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        ProfileStore.Snapshot snap = store.snapshot();
        return java.util.stream.Stream.concat(snap.recent().stream(), snap.slow().stream())
                .filter(p -> p.sequence() == seq).findFirst().map(KeptProfile::toProfile);
    }

    /**
     * Which of the requests profiled so far are kept right now (in either list), by {@link ProfileRecorder#sequence};
     * one snapshot of the store, for checking many sequences at once.
     */
    public LongPredicate keptNow() {
        ProfileStore.Snapshot snap = store.snapshot();
        long[] kept = new long[snap.recent().size() + snap.slow().size()];
        int n = 0;
        for (KeptProfile p : snap.recent()) {
            kept[n++] = p.sequence();
        }
        for (KeptProfile p : snap.slow()) {
            kept[n++] = p.sequence();
        }
        Arrays.sort(kept);
        return seq -> Arrays.binarySearch(kept, seq) >= 0;
    }

    public ProfilerTotals totals() {
        return store.snapshot().totals();
    }

    /** Drops every kept profile and resets the counters (ids keep increasing, so old ids never come back). */
    public void clear() {
        store.clear();
    }

    /** The wall clock time of a {@link Ticker#nanoTime()} reading, to the millisecond. */
    long epochMillisAt(long nanos) {
        return anchorEpochMillis + Math.floorDiv(nanos - anchorNanos, 1_000_000L);
    }

    void store(KeptProfile profile) {
        store.add(profile);
    }

    private static List<RequestProfile> slow(ProfileStore.Snapshot snap, ProfileQuery query) {
        return select(snap.slow(), query.withSlowOnly(true), query.limit());
    }

    private static Optional<RequestProfile> slowest(List<RequestProfile> profiles) {
        return profiles.stream().max(Comparator.comparingLong(RequestProfile::durationNanos)
                .thenComparingLong(RequestProfile::sequence));
    }

    /** The first {@code limit} of {@code newestFirst} that match, built (kept profiles are built only here). */
    private static List<RequestProfile> select(List<KeptProfile> newestFirst, ProfileQuery query, int limit) {
        List<RequestProfile> out = new ArrayList<>(Math.min(limit, newestFirst.size()));
        for (KeptProfile kept : newestFirst) {
            if (out.size() == limit) {
                break;
            }
            RequestProfile p = kept.toProfile();
            if (query.matches(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
