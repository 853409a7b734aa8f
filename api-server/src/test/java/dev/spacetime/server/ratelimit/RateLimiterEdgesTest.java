package dev.spacetime.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What clients see at the edges of a bucket: the real wait at any limit, sweeps, and the bucket cap. */
class RateLimiterEdgesTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(123 * SECOND);

    private RateLimiter limiter(int maxBuckets) {
        Map<RouteGroup, Integer> limits = new EnumMap<>(RouteGroup.class);
        for (RouteGroup g : RouteGroup.values()) {
            limits.put(g, g.defaultPerMinute());
        }
        return new RateLimiter(limits, maxBuckets, now::get);
    }

    private static void exhaust(RateLimiter limiter, String client, RouteGroup group) {
        for (int i = 0; i < group.defaultPerMinute(); i++) {
            assertThat(limiter.acquire(client, group).allowed()).as("request %d of %s", i + 1, group).isTrue();
        }
    }

    @Test
    void retryAfterIsTheRealWaitForOneToken() {
        RateLimiter limiter = limiter(100);
        // 30/min refills one token every 2 s, 20/min every 3 s, 100/min every 0.6 s (rounded up to whole seconds).
        Map<RouteGroup, Long> waits = Map.of(RouteGroup.SCENE, 2L, RouteGroup.SCENE_RELOAD, 3L,
                RouteGroup.SCENES, 1L, RouteGroup.DEFAULT, 1L);
        waits.forEach((group, wait) -> {
            exhaust(limiter, "a", group);
            RateLimiter.Decision refused = limiter.acquire("a", group);
            assertThat(refused).as(group.name())
                    .isEqualTo(new RateLimiter.Decision(false, group.defaultPerMinute(), 0, 60, wait));
        });
    }

    @Test
    void waitingTheAnnouncedTimeIsEnoughAndLessIsNot() {
        RateLimiter limiter = limiter(100);
        exhaust(limiter, "a", RouteGroup.SCENE_RELOAD);
        long retry = limiter.acquire("a", RouteGroup.SCENE_RELOAD).retryAfterSeconds();
        assertThat(retry).isEqualTo(3);
        now.addAndGet(retry * SECOND - 1);
        assertThat(limiter.acquire("a", RouteGroup.SCENE_RELOAD).allowed()).isFalse();
        now.addAndGet(1);
        assertThat(limiter.acquire("a", RouteGroup.SCENE_RELOAD).allowed()).isTrue();
    }

    @Test
    void aPartlyRefilledBucketAnnouncesTheRemainingWait() {
        RateLimiter limiter = limiter(100);
        exhaust(limiter, "a", RouteGroup.SCENE_RELOAD);
        now.addAndGet(SECOND); // a third of a token back: two thirds, 2 s, to go
        assertThat(limiter.acquire("a", RouteGroup.SCENE_RELOAD).retryAfterSeconds()).isEqualTo(2);
        now.addAndGet(1_500_000_000L); // a sixth to go: 0.5 s, announced as 1
        assertThat(limiter.acquire("a", RouteGroup.SCENE_RELOAD).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void headersCountWhatIsLeftAndWhenTheBucketIsFull() {
        RateLimiter limiter = limiter(100);
        assertThat(limiter.acquire("a", RouteGroup.SCENE))
                .isEqualTo(new RateLimiter.Decision(true, 30, 29, 2, 0));
        assertThat(limiter.acquire("a", RouteGroup.SCENE))
                .isEqualTo(new RateLimiter.Decision(true, 30, 28, 4, 0));
        now.addAndGet(SECOND); // half a token back: still 28 whole ones
        assertThat(limiter.acquire("a", RouteGroup.SCENE))
                .isEqualTo(new RateLimiter.Decision(true, 30, 27, 5, 0));
        now.addAndGet(3600 * SECOND);
        assertThat(limiter.acquire("a", RouteGroup.SCENE)).as("refill stops at capacity")
                .isEqualTo(new RateLimiter.Decision(true, 30, 29, 2, 0));
    }

    @Test
    void aSweepKeepsBucketsThatAreStillDraining() {
        RateLimiter limiter = limiter(100);
        exhaust(limiter, "busy", RouteGroup.SCENE);
        limiter.acquire("idle", RouteGroup.SCENE);
        now.addAndGet(30 * SECOND); // "idle" is full again, "busy" is half way
        limiter.sweep();
        assertThat(limiter.size()).isEqualTo(1);
        RateLimiter.Decision d = limiter.acquire("busy", RouteGroup.SCENE);
        assertThat(d.remaining()).as("the sweep did not reset busy's limit").isEqualTo(14);
        now.addAndGet(30 * SECOND);
        limiter.sweep();
        assertThat(limiter.size()).isEqualTo(1);
        now.addAndGet(2 * SECOND);
        limiter.sweep();
        assertThat(limiter.size()).isZero();
    }

    @Test
    void atTheCapANewClientIsRefusedUntilABucketRefills() {
        RateLimiter limiter = limiter(2);
        assertThat(limiter.acquire("a", RouteGroup.SCENE).allowed()).isTrue();
        assertThat(limiter.acquire("b", RouteGroup.SCENE).allowed()).isTrue();
        assertThat(limiter.acquire("c", RouteGroup.SCENE))
                .isEqualTo(new RateLimiter.Decision(false, 30, 0, 60, 60));
        assertThat(limiter.acquire("a", RouteGroup.SCENE).allowed()).as("known clients go on").isTrue();
        assertThat(limiter.size()).isEqualTo(2);
        now.addAndGet(4 * SECOND); // both full again: the sweep at the cap makes room
        assertThat(limiter.acquire("c", RouteGroup.SCENE).allowed()).isTrue();
        assertThat(limiter.size()).isEqualTo(1);
    }
}
