package dev.spacetime.server.metrics;

import static dev.spacetime.catalog.Labels.EXEMPLAR_REQUEST_ID;
import static dev.spacetime.catalog.Labels.EXEMPLAR_TRACE_ID;

import dev.spacetime.profiler.RequestProfile;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongPredicate;

/**
 * The latency exemplars of one (method, endpoint): per duration bucket, the last profiled request offered when an
 * update was due, exposed as {@code {request_id="req_<n>", trace_id="…"}} on that bucket.
 * <p>
 * Not client_java's exemplar sampler, for three reasons: its custom exemplars ({@code observeWithExemplar}) need their
 * labels built before it decides, i.e. on every request; its rate limit is one flag per data point (every bucket
 * together, re-armed by a scheduler task), so a fast request can keep a slow one from becoming an exemplar; and it
 * keeps an exemplar for its retention period whatever happened to the request's profile. Here the hot path is one
 * bucket search and one volatile read; labels are built at scrape time, and only for requests whose profile the store
 * still holds ({@link #collect}): an evicted one is dropped from its bucket, which makes the bucket due again.
 */
final class LatencyExemplars {
    /** At most one update per bucket per interval: a scrape (15 s) sees a recent request of every busy bucket. */
    static final long UPDATE_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    /** What is kept of an exemplar request until a scrape builds its labels. */
    record Sample(long sequence, String traceId, double seconds, long epochMillis, long offeredNanos) {
    }

    private final long[] upperBoundsNanos; // ascending; durations above the last go to the +Inf slot
    private final AtomicLongArray dueNanos;
    private final AtomicReferenceArray<Sample> samples;

    LatencyExemplars(double[] upperBoundsSeconds, long nowNanos) {
        upperBoundsNanos = new long[upperBoundsSeconds.length];
        for (int i = 0; i < upperBoundsSeconds.length; i++) {
            upperBoundsNanos[i] = Math.round(upperBoundsSeconds[i] * 1e9);
        }
        int slots = upperBoundsSeconds.length + 1;
        dueNanos = new AtomicLongArray(slots);
        for (int i = 0; i < slots; i++) {
            dueNanos.set(i, nowNanos);
        }
        samples = new AtomicReferenceArray<>(slots);
    }

    /**
     * Offers a finished request; kept when its bucket is due (and then the bucket is not due again for
     * {@link #UPDATE_INTERVAL_NANOS}).
     *
     * @param sequence the request's profile sequence ({@code req_<sequence>}); 0 (not profiled) is never kept
     * @param traceId  its W3C trace id, or null
     * @param nowNanos {@link System#nanoTime()} at the end of the request
     */
    void offer(long durationNanos, long nowNanos, long sequence, String traceId) {
        if (sequence == 0) {
            return;
        }
        int slot = slot(durationNanos);
        long due = dueNanos.get(slot);
        if (nowNanos - due < 0 || !dueNanos.compareAndSet(slot, due, nowNanos + UPDATE_INTERVAL_NANOS)) {
            return;
        }
        samples.set(slot, new Sample(sequence, traceId, durationNanos / 1e9, System.currentTimeMillis(), nowNanos));
    }

    /**
     * The exemplars whose request's profile is still kept; a bucket whose request was evicted is emptied and made due,
     * so the next request in it takes its place.
     */
    Exemplars collect(LongPredicate kept) {
        List<Exemplar> out = null;
        for (int slot = 0; slot < samples.length(); slot++) {
            Sample s = samples.get(slot);
            if (s == null) {
                continue;
            }
            if (!kept.test(s.sequence())) {
                if (samples.compareAndSet(slot, s, null)) {
                    dueNanos.set(slot, s.offeredNanos()); // in the past: due for the next request
                }
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(samples.length());
            }
            out.add(new Exemplar(s.seconds(), labels(s), s.epochMillis()));
        }
        return out == null ? Exemplars.EMPTY : Exemplars.of(out);
    }

    private static Labels labels(Sample s) {
        String requestId = RequestProfile.ID_PREFIX + s.sequence();
        return s.traceId() == null ? Labels.of(EXEMPLAR_REQUEST_ID, requestId)
                : Labels.of(EXEMPLAR_REQUEST_ID, requestId, EXEMPLAR_TRACE_ID, s.traceId());
    }

    private int slot(long durationNanos) {
        for (int i = 0; i < upperBoundsNanos.length; i++) {
            if (durationNanos <= upperBoundsNanos[i]) {
                return i;
            }
        }
        return upperBoundsNanos.length;
    }
}
