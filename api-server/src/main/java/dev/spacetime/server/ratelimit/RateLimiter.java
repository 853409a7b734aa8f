package dev.spacetime.server.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per (client, route group): capacity = the group's per-minute limit, refilled continuously at
 * limit/60 per second. Memory is bounded: a bucket idle long enough to be full again is indistinguishable from a new
 * one and is dropped by {@link #sweep()}; past {@code maxBuckets}, unknown clients are refused (fail closed) rather
 * than tracked.
 */
public final class RateLimiter {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    /** Whether a request may proceed, and the numbers for the {@code X-RateLimit-*} and {@code Retry-After} headers. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private record Key(String client, RouteGroup group) {
    }

    /**
     * Integer arithmetic throughout, so that announced waits are exact: one token is {@code MINUTE_NANOS} units of
     * credit and every elapsed nanosecond adds {@code capacity} units (capacity per minute). With floating-point
     * tokens a whole-second wait came out a hair above, and {@code Retry-After} one second too long.
     */
    private static final class Bucket {
        private final int capacity;
        private final long full;
        private long credit;
        private long updatedNanos;

        Bucket(int capacity, long now) {
            this.capacity = capacity;
            this.full = capacity * MINUTE_NANOS;
            this.credit = full;
            this.updatedNanos = now;
        }

        synchronized Decision take(long now) {
            refill(now);
            boolean allowed = credit >= MINUTE_NANOS;
            if (allowed) {
                credit -= MINUTE_NANOS;
            }
            long reset = ceilSeconds(nanosUntil(full));
            long retry = allowed ? 0 : Math.max(1, ceilSeconds(nanosUntil(MINUTE_NANOS)));
            return new Decision(allowed, capacity, (int) (credit / MINUTE_NANOS), reset, retry);
        }

        synchronized boolean idleAndFull(long now) {
            refill(now);
            return credit == full;
        }

        private void refill(long now) {
            long elapsed = now - updatedNanos;
            if (elapsed > 0) {
                // An empty bucket is full again after a minute: longer gaps add nothing (and cannot overflow).
                credit = Math.min(full, credit + Math.min(elapsed, MINUTE_NANOS) * capacity);
                updatedNanos = now;
            }
        }

        /** Nanoseconds until the credit reaches {@code target} (0 if it has). */
        private long nanosUntil(long target) {
            return Math.max(0, ceilDiv(target - credit, capacity));
        }

        private static long ceilSeconds(long nanos) {
            return ceilDiv(nanos, 1_000_000_000L);
        }

        private static long ceilDiv(long a, long b) {
            return -Math.floorDiv(-a, b);
        }
    }

    private final Map<RouteGroup, Integer> perMinute;
    private final int maxBuckets;
    private final LongSupplier nanoClock;
    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perMinute the limit of every group (the configuration's {@code rateLimit.perMinute}) */
    public RateLimiter(Map<RouteGroup, Integer> perMinute, int maxBuckets, LongSupplier nanoClock) {
        this.perMinute = Map.copyOf(perMinute);
        this.maxBuckets = maxBuckets;
        this.nanoClock = nanoClock;
    }

    public Decision acquire(String client, RouteGroup group) {
        long now = nanoClock.getAsLong();
        Key key = new Key(client, group);
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxBuckets) {
                sweep();
            }
            if (buckets.size() >= maxBuckets) {
                int limit = perMinute.get(group);
                return new Decision(false, limit, 0, 60, 60);
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute.get(group), now));
        }
        return bucket.take(now);
    }

    /** Drops buckets that have refilled completely; cheap enough to run every few seconds. */
    public void sweep() {
        long now = nanoClock.getAsLong();
        buckets.values().removeIf(b -> b.idleAndFull(now));
    }

    /** Buckets currently tracked. */
    public int size() {
        return buckets.size();
    }
}
