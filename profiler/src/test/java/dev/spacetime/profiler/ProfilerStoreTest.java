package dev.spacetime.profiler;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilerStoreTest {
    private final TestProfiles t = new TestProfiles(ProfilerSettings.DEFAULTS.withCapacity(10).withSlowCapacity(3)
            .withSlowThresholdMillis(1));

    @Test
    void keepsOnlyTheLastNNewestFirst() {
        for (int i = 0; i < 25; i++) {
            t.simple("GET", "/r", 200, 10);
        }
        List<RequestProfile> recent = t.profiler.recent(ProfileQuery.ALL);
        assertThat(recent).extracting(RequestProfile::id)
                .containsExactly("req_25", "req_24", "req_23", "req_22", "req_21", "req_20", "req_19", "req_18",
                        "req_17", "req_16");
        assertThat(t.profiler.totals()).isEqualTo(new ProfilerTotals(25, 0, 10, 0, 10, 3));
    }

    @Test
    void slowRequestsSurviveABurstOfFastOnes() {
        for (int i = 0; i < 5; i++) {
            t.simple("GET", "/slow", 200, 2_000);
        }
        for (int i = 0; i < 500; i++) {
            t.simple("GET", "/fast", 200, 10);
        }
        assertThat(t.profiler.recent(ProfileQuery.ALL.withSlowOnly(true))).isEmpty();
        assertThat(t.profiler.slow(ProfileQuery.ALL)).extracting(RequestProfile::id)
                .containsExactly("req_5", "req_4", "req_3");
        assertThat(t.profiler.find("req_4")).get().extracting(RequestProfile::endpoint).isEqualTo("/slow");
        assertThat(t.profiler.find("req_1")).isEmpty(); // evicted from both lists
        assertThat(t.profiler.totals()).isEqualTo(new ProfilerTotals(505, 5, 10, 3, 10, 3));
    }

    @Test
    void keptNowAnswersForBothListsAndForgetsEvictedRequests() {
        for (int i = 0; i < 3; i++) {
            t.simple("GET", "/slow", 200, 2_000);
        }
        for (int i = 0; i < 12; i++) {
            t.simple("GET", "/fast", 200, 10);
        }
        java.util.function.LongPredicate kept = t.profiler.keptNow();
        assertThat(kept.test(1)).as("slow, only in the slow list").isTrue();
        assertThat(kept.test(4)).as("fast, evicted from the recent list").isFalse();
        assertThat(kept.test(5)).isFalse();
        assertThat(kept.test(6)).as("the oldest of the ten recent").isTrue();
        assertThat(kept.test(15)).isTrue();
        assertThat(kept.test(16)).as("not yet profiled").isFalse();
        t.profiler.clear();
        assertThat(t.profiler.keptNow().test(15)).isFalse();
    }

    @Test
    void traceIdIsKeptWithTheProfile() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        ProfileRecorder rec = t.profiler.start("GET", "/r", t.ticker.nanoTime(), traceId);
        assertThat(rec.sequence()).isEqualTo(1);
        rec.finish(200, 0, 0);
        assertThat(t.profiler.find("req_1")).get().extracting(RequestProfile::traceId).isEqualTo(traceId);
        assertThat(t.profiler.start("GET", "/r").sequence()).isEqualTo(2);
        t.profiler.updateSettings(s -> s.withEnabled(false));
        assertThat(t.profiler.start("GET", "/r").sequence()).as("not profiled").isZero();
    }

    @Test
    void findRejectsUnknownAndMalformedIds() {
        t.simple("GET", "/r", 200, 10);
        assertThat(t.profiler.find("req_1")).isPresent();
        assertThat(t.profiler.find("req_2")).isEmpty();
        assertThat(t.profiler.find("req_")).isEmpty();
        assertThat(t.profiler.find("req_x")).isEmpty();
        assertThat(t.profiler.find("1")).isEmpty();
        assertThat(t.profiler.find("req_99999999999999999999999")).isEmpty();
        assertThat(t.profiler.find(null)).isEmpty();
    }

    @Test
    void slowestRecentPicksTheLongestMatching() {
        t.simple("GET", "/a", 200, 300);
        t.simple("GET", "/b", 200, 900);
        t.simple("GET", "/a", 200, 500);
        assertThat(t.profiler.slowestRecent(ProfileQuery.ALL)).get().extracting(RequestProfile::id).isEqualTo("req_2");
        assertThat(t.profiler.slowestRecent(ProfileQuery.ALL.withEndpoint("/a"))).get()
                .extracting(RequestProfile::id).isEqualTo("req_3");
        assertThat(t.profiler.slowestRecent(ProfileQuery.ALL.withEndpoint("/none"))).isEmpty();
    }

    @Test
    void capacityChangesAtRuntimeKeepTheNewest() {
        for (int i = 0; i < 10; i++) {
            t.simple("GET", "/r", 200, 10);
        }
        t.profiler.updateSettings(s -> s.withCapacity(4));
        assertThat(t.profiler.recent(ProfileQuery.ALL)).extracting(RequestProfile::id)
                .containsExactly("req_10", "req_9", "req_8", "req_7");
        t.profiler.updateSettings(s -> s.withCapacity(6));
        t.simple("GET", "/r", 200, 10);
        t.simple("GET", "/r", 200, 10);
        t.simple("GET", "/r", 200, 10);
        assertThat(t.profiler.recent(ProfileQuery.ALL)).extracting(RequestProfile::id)
                .containsExactly("req_13", "req_12", "req_11", "req_10", "req_9", "req_8");
    }

    @Test
    void clearDropsEverythingButIdsNeverRepeat() {
        t.simple("GET", "/r", 200, 2_000);
        t.profiler.clear();
        assertThat(t.profiler.recent(ProfileQuery.ALL)).isEmpty();
        assertThat(t.profiler.slow(ProfileQuery.ALL)).isEmpty();
        assertThat(t.profiler.totals()).isEqualTo(new ProfilerTotals(0, 0, 0, 0, 10, 3));
        assertThat(t.simple("GET", "/r", 200, 10).id()).isEqualTo("req_2");
    }
}
