package dev.spacetime.profiler;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SuppressWarnings("try") // phase scopes are used for their close() only, as handlers use them
class ProfileRecorderTest {
    private final TestProfiles t = new TestProfiles();

    @Test
    void recordsPhasesInPreOrderWithParentsDepthsAndExactTimes() {
        RequestProfile p = t.sceneLoad("POST", "/scene", 200, 0);

        assertThat(p.id()).isEqualTo("req_1");
        assertThat(p.method()).isEqualTo("POST");
        assertThat(p.endpoint()).isEqualTo("/scene");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.requestBytes()).isEqualTo(120);
        assertThat(p.responseBytes()).isEqualTo(4096);
        assertThat(p.durationNanos()).isEqualTo(791_000);
        assertThat(p.slow()).isFalse();
        assertThat(p.phases()).containsExactly(
                new Phase("auth", Phase.ROOT, 0, 1_000, 10_000),
                new Phase("rate_limit", Phase.ROOT, 0, 12_000, 5_000),
                new Phase("validation", Phase.ROOT, 0, 18_000, 20_000),
                new Phase("file_io", Phase.ROOT, 0, 39_000, 300_000),
                new Phase("parse", Phase.ROOT, 0, 340_000, 400_000),
                new Phase("tokenize", 4, 1, 350_000, 150_000),
                new Phase("build_tree", 4, 1, 500_000, 200_000),
                new Phase("serialization", Phase.ROOT, 0, 741_000, 50_000));
        assertThat(p.selfNanos(4)).isEqualTo(50_000);
        assertThat(p.rootSelfNanos()).isEqualTo(6_000);
    }

    @Test
    void finishClosesOpenPhasesAtTheEndOfTheRequest() {
        ProfileRecorder rec = t.profiler.start("GET", "/scene");
        rec.begin("outer");
        t.ticker.advanceMicros(5);
        rec.begin("inner");
        t.ticker.advanceMicros(7);
        rec.finish(500, 0, 0);
        RequestProfile p = rec.profile().orElseThrow();

        assertThat(p.phases()).containsExactly(
                new Phase("outer", Phase.ROOT, 0, 0, 12_000),
                new Phase("inner", 0, 1, 5_000, 7_000));
    }

    @Test
    void scopesEndExactlyTheirPhaseOnceAndNeverThrow() {
        ProfileRecorder rec = t.profiler.start("POST", "unmatched");
        ProfileRecorder.Scope outer = rec.phase("file_io");
        t.ticker.advanceMicros(2);
        ProfileRecorder.Scope inner = rec.phase("parse");
        t.ticker.advanceMicros(3);
        outer.close(); // ends parse too: a callback closed the outer phase first
        inner.close(); // already ended: no-op
        outer.close(); // twice: no-op
        ProfileRecorder.Scope next = rec.phase("serialization"); // same stack position as file_io had
        t.ticker.advanceMicros(4);
        outer.close(); // stale scope must not end the newer phase
        t.ticker.advanceMicros(1);
        next.close();
        rec.finish("/scene", 201, 0, 0, 10_000);
        RequestProfile p = rec.profile().orElseThrow();
        ProfileRecorder.Scope late = rec.phase("late");
        late.close();

        assertThat(p.endpoint()).isEqualTo("/scene"); // known only once routing was done
        assertThat(p.phases()).containsExactly(
                new Phase("file_io", Phase.ROOT, 0, 0, 5_000),
                new Phase("parse", 0, 1, 2_000, 3_000),
                new Phase("serialization", Phase.ROOT, 0, 5_000, 5_000));
        assertThat(t.profiler.totals().recorded()).isEqualTo(1);
    }

    @Test
    void aCallerThatTimesTheRequestGivesItsStartAndDurationAndPhasesStayInside() {
        t.ticker.advanceMillis(5);
        long start = t.ticker.nanoTime(); // the server read the clock for its metrics before the profiler started
        t.ticker.advanceMicros(3);
        ProfileRecorder rec = t.profiler.start("GET", "unmatched", start);
        ProfileRecorder.Scope auth = rec.phase("auth");
        t.ticker.advanceMicros(4);
        auth.close();
        rec.phase("serialization"); // still open at finish
        t.ticker.advanceMicros(5);
        rec.finish("/x", 200, 0, 0, 10_000); // the caller's duration: 10 of 12 µs
        RequestProfile p = rec.profile().orElseThrow();

        assertThat(p.startNanos()).isEqualTo(start);
        assertThat(p.startEpochMillis()).isEqualTo(1_795_000_000_005L); // ManualTicker's wall clock at start
        assertThat(p.durationNanos()).isEqualTo(10_000);
        assertThat(p.phases()).containsExactly(
                new Phase("auth", Phase.ROOT, 0, 3_000, 4_000),
                new Phase("serialization", Phase.ROOT, 0, 7_000, 3_000)); // ends with the request, not later
    }

    @Test
    void theProfileExistsOnceFinishedAndIsTheSameEachTimeItIsAskedFor() {
        ProfileRecorder rec = t.profiler.start("GET", "/scene");
        try (var auth = rec.phase("auth")) {
            t.ticker.advanceMicros(2);
        }
        assertThat(rec.profile()).isEmpty(); // not finished yet
        t.ticker.advanceMicros(1);
        rec.finish(200, 0, 0);

        RequestProfile p = rec.profile().orElseThrow();
        assertThat(p.phases()).containsExactly(new Phase("auth", Phase.ROOT, 0, 0, 2_000));
        assertThat(rec.profile()).contains(p);
        assertThat(t.profiler.find(p.id())).contains(p);
    }

    @Test
    void runawayNestingIsRefused() {
        ProfileRecorder rec = t.profiler.start("GET", "/x");
        for (int i = 0; i < ActiveRecorder.MAX_DEPTH; i++) {
            rec.begin("d");
        }
        assertThatThrownBy(() -> rec.begin("one more")).hasMessageContaining("deeper than");
        assertThat(rec.phase("one more")).isSameAs(ProfileRecorder.Disabled.INSTANCE);
        rec.finish(200, 0, 0);
        assertThat(rec.profile().orElseThrow().phases()).hasSize(ActiveRecorder.MAX_PHASES);
    }

    @Test
    void misuseIsReportedNotSilentlyRecorded() {
        ProfileRecorder rec = t.profiler.start("GET", "/scene");
        assertThatThrownBy(rec::end).isInstanceOf(IllegalStateException.class);
        rec.finish(200, 0, 0);
        assertThatThrownBy(() -> rec.finish(200, 0, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rec.begin("late")).isInstanceOf(IllegalStateException.class);
        assertThat(t.profiler.totals().recorded()).isEqualTo(1);
    }

    @Test
    void phasesPerRequestAreCappedSoMemoryStaysBounded() {
        ProfileRecorder rec = t.profiler.start("GET", "/loop");
        for (int i = 0; i < 1000; i++) {
            rec.begin("step" + i);
            rec.begin("nested");
            t.ticker.advanceMicros(1);
            rec.end();
            rec.end();
        }
        rec.finish(200, 0, 0);
        RequestProfile p = rec.profile().orElseThrow();
        assertThat(p.phases()).hasSize(ActiveRecorder.MAX_PHASES);
        assertThat(p.phases().get(1)).isEqualTo(new Phase("nested", 0, 1, 0, 1_000));
    }

    @Test
    void deepNestingBeyondTheCapKeepsRecordedParentsConsistent() {
        ProfileRecorder rec = t.profiler.start("GET", "/deep");
        for (int i = 0; i < ActiveRecorder.MAX_PHASES + 10; i++) {
            rec.begin("level" + i);
            t.ticker.advanceMicros(1);
        }
        rec.finish(200, 0, 0);
        RequestProfile p = rec.profile().orElseThrow();
        List<Phase> phases = p.phases();
        assertThat(phases).hasSize(ActiveRecorder.MAX_PHASES);
        for (int i = 1; i < phases.size(); i++) {
            assertThat(phases.get(i).parent()).isEqualTo(i - 1);
            assertThat(phases.get(i).depth()).isEqualTo(i);
        }
    }

    @Test
    void slowRequestsAreFlaggedAtTheThresholdInclusive() {
        t.profiler.updateSettings(s -> s.withSlowThresholdMillis(2));
        assertThat(t.simple("GET", "/a", 200, 1_998).slow()).isFalse(); // 1 µs gap + 1998 µs
        RequestProfile atThreshold = t.simple("GET", "/a", 200, 1_999);
        assertThat(atThreshold.durationNanos()).isEqualTo(2_000_000);
        assertThat(atThreshold.slow()).isTrue();
    }

    @Test
    void disabledOrUnsampledRequestsRecordNothing() {
        t.profiler.updateSettings(s -> s.withEnabled(false));
        ProfileRecorder off = t.profiler.start("GET", "/scene");
        try (var p = off.phase("auth")) {
            off.begin("x");
            off.end();
        }
        assertThat(off.active()).isFalse();
        assertThat(off.id()).isEmpty();
        off.finish(200, 1, 1);
        assertThat(off.profile()).isEmpty();

        t.profiler.updateSettings(s -> s.withEnabled(true).withSampleRate(0));
        for (int i = 0; i < 100; i++) {
            ProfileRecorder rec = t.profiler.start("GET", "/scene");
            rec.finish(200, 0, 0);
            assertThat(rec.profile()).isEmpty();
        }
        assertThat(t.profiler.totals().recorded()).isZero();

        t.profiler.updateSettings(s -> s.withSampleRate(1));
        ProfileRecorder on = t.profiler.start("GET", "/scene");
        assertThat(on.active()).isTrue();
        assertThat(on.id()).contains("req_1");
    }

    @Test
    void partialSamplingProfilesSomeRequests() {
        t.profiler.updateSettings(s -> s.withSampleRate(0.5));
        int sampled = 0;
        for (int i = 0; i < 2000; i++) {
            ProfileRecorder rec = t.profiler.start("GET", "/s");
            rec.finish(200, 0, 0);
            sampled += rec.profile().isPresent() ? 1 : 0;
        }
        // Binomial(2000, 0.5): outside 800..1200 has probability far below 1e-15.
        assertThat(sampled).isBetween(800, 1200);
    }

    @Test
    void profilesRejectPhasesThatDoNotNest() {
        assertThatThrownBy(() -> profile(List.of(new Phase("a", Phase.ROOT, 0, 0, 10), new Phase("b", 0, 1, 5, 10))))
                .hasMessageContaining("not inside its parent");
        assertThatThrownBy(() -> profile(List.of(new Phase("a", Phase.ROOT, 0, 0, 10),
                new Phase("b", Phase.ROOT, 0, 5, 10)))).hasMessageContaining("overlaps");
        assertThatThrownBy(() -> profile(List.of(new Phase("a", Phase.ROOT, 0, 0, 200))))
                .hasMessageContaining("not inside");
        assertThatThrownBy(() -> profile(List.of(new Phase("a", 1, 1, 0, 10), new Phase("b", Phase.ROOT, 0, 0, 20))))
                .hasMessageContaining("before its parent");
    }

    private static RequestProfile profile(List<Phase> phases) {
        return new RequestProfile(1, "GET", "/x", 200, 0, 0, 0, 0, 100, false, phases, null);
    }
}
