package dev.spacetime.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();

    private RateLimiter limiter(int perMinute, int maxBuckets) {
        Map<RouteGroup, Integer> limits = new EnumMap<>(RouteGroup.class);
        for (RouteGroup g : RouteGroup.values()) {
            limits.put(g, perMinute);
        }
        return new RateLimiter(limits, maxBuckets, now::get);
    }

    @Test
    void refillsContinuouslyAndReportsRetryAfter() {
        RateLimiter limiter = limiter(60, 100);
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.acquire("a", RouteGroup.SCENE).allowed()).isTrue();
        }
        var refused = limiter.acquire("a", RouteGroup.SCENE);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(limiter.acquire("a", RouteGroup.SCENES).allowed()).as("groups are separate").isTrue();
        assertThat(limiter.acquire("b", RouteGroup.SCENE).allowed()).as("clients are separate").isTrue();
        now.addAndGet(1_000_000_000L);
        assertThat(limiter.acquire("a", RouteGroup.SCENE).allowed()).isTrue();
    }

    @Test
    void memoryIsBoundedWhateverTheNumberOfClients() {
        RateLimiter limiter = limiter(10, 1000);
        for (int i = 0; i < 50_000; i++) {
            limiter.acquire("client-" + i, RouteGroup.DEFAULT);
            if (i % 5000 == 0) {
                now.addAndGet(60_000_000_000L);
            }
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(1000);
        now.addAndGet(60_000_000_000L);
        limiter.sweep();
        assertThat(limiter.size()).as("idle buckets expire").isZero();
    }
}
