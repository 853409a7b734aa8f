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

    private static final class Bucket {
        private final int capacity;
        private double tokens;
        private long updatedNanos;

        Bucket(int capacity, long now) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.updatedNanos = now;
        }

        synchronized Decision take(long now) {
            refill(now);
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            double perNano = capacity / (double) MINUTE_NANOS;
            long reset = ceilSeconds((capacity - tokens) / perNano);
            long retry = allowed ? 0 : Math.max(1, ceilSeconds((1 - tokens) / perNano));
            return new Decision(allowed, capacity, (int) Math.floor(tokens), reset, retry);
        }

        synchronized boolean idleAndFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            long elapsed = now - updatedNanos;
            if (elapsed > 0) {
                tokens = Math.min(capacity, tokens + elapsed * (capacity / (double) MINUTE_NANOS));
                updatedNanos = now;
            }
        }

        private static long ceilSeconds(double nanos) {
            return (long) Math.ceil(nanos / 1e9);
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
