package dev.spacetime.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Token-bucket arithmetic over arbitrary request timings: the reported tokens are never negative nor above the
 * capacity, no window lets through more than the capacity plus what refilled, and the announced wait is honest.
 */
class RateLimitArithmeticProperties {
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private static RateLimiter limiter(int perMinute, AtomicLong clock) {
        Map<RouteGroup, Integer> limits = new EnumMap<>(RouteGroup.class);
        for (RouteGroup g : RouteGroup.values()) {
            limits.put(g, perMinute);
        }
        return new RateLimiter(limits, 10, clock::get);
    }

    @Property(tries = 300)
    void tokensStayWithinZeroAndCapacity(@ForAll @IntRange(min = 1, max = 600) int perMinute,
            @ForAll @Size(max = 300) List<@LongRange(min = 0, max = 5_000_000_000L) Long> gaps) {
        AtomicLong clock = new AtomicLong();
        RateLimiter limiter = limiter(perMinute, clock);
        long allowed = 0;
        for (long gap : gaps) {
            clock.addAndGet(gap);
            RateLimiter.Decision d = limiter.acquire("c", RouteGroup.SCENE);
            assertThat(d.limit()).isEqualTo(perMinute);
            assertThat(d.remaining()).isBetween(0, perMinute - 1);
            assertThat(d.resetSeconds()).isBetween(0L, 60L);
            if (d.allowed()) {
                allowed++;
                assertThat(d.retryAfterSeconds()).isZero();
            } else {
                assertThat(d.remaining()).isZero();
                assertThat(d.retryAfterSeconds()).isBetween(1L, (long) Math.ceil(60.0 / perMinute));
            }
        }
        double refilled = clock.get() * (double) perMinute / MINUTE_NANOS;
        assertThat((double) allowed).isLessThanOrEqualTo(perMinute + refilled + 1e-6);
    }

    @Property(tries = 300)
    void theAnnouncedWaitIsAlwaysEnough(@ForAll @IntRange(min = 1, max = 600) int perMinute,
            @ForAll @IntRange(min = 0, max = 700) int burst,
            @ForAll @LongRange(min = 0, max = 2_000_000_000L) long pause) {
        AtomicLong clock = new AtomicLong();
        RateLimiter limiter = limiter(perMinute, clock);
        RateLimiter.Decision d = null;
        for (int i = 0; i <= burst; i++) {
            d = limiter.acquire("c", RouteGroup.SCENE);
        }
        clock.addAndGet(pause);
        d = limiter.acquire("c", RouteGroup.SCENE);
        if (!d.allowed()) {
            clock.addAndGet(d.retryAfterSeconds() * 1_000_000_000L);
            assertThat(limiter.acquire("c", RouteGroup.SCENE).allowed()).isTrue();
        }
    }
}
