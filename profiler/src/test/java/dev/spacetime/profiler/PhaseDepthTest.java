package dev.spacetime.profiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The nesting limit counts the phases open now, not every phase ever opened; a finished request takes no more. */
@SuppressWarnings("try") // phase scopes are used for their close() only, as handlers use them
class PhaseDepthTest {
    private final TestProfiles t = new TestProfiles();

    @Test
    void endedPhasesNoLongerCountTowardsTheDepthLimit() {
        ProfileRecorder rec = t.profiler.start("GET", "/x");
        for (int i = 0; i < ActiveRecorder.MAX_PHASES; i++) {
            rec.begin("sequential");
            rec.end();
        }
        try (var scoped = rec.phase("scoped")) {
            assertThat(scoped).isSameAs(ProfileRecorder.Disabled.INSTANCE); // no slot left, but no error either
        }
        for (int i = 0; i < ActiveRecorder.MAX_DEPTH; i++) {
            rec.begin("nested");
        }
        assertThatThrownBy(() -> rec.begin("one more")).hasMessage("phases nested deeper than 256");
        rec.end();
        rec.begin("again, within the limit");
        rec.finish(200, 0, 0);
        assertThat(rec.profile().orElseThrow().phases()).hasSize(ActiveRecorder.MAX_PHASES);
    }

    @Test
    void closedScopesNoLongerCountEither() {
        ProfileRecorder rec = t.profiler.start("GET", "/x");
        for (int i = 0; i < ActiveRecorder.MAX_PHASES - 1; i++) {
            try (var s = rec.phase("scoped")) {
                t.ticker.advanceMicros(1);
            }
        }
        rec.begin("last recorded");
        for (int i = 1; i < ActiveRecorder.MAX_DEPTH; i++) {
            rec.begin("nested");
        }
        assertThatThrownBy(() -> rec.begin("one more")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void endAfterFinishIsAnError() {
        ProfileRecorder rec = t.profiler.start("GET", "/x");
        rec.begin("open");
        rec.finish(200, 0, 0);
        assertThatThrownBy(rec::end).isInstanceOf(IllegalStateException.class).hasMessageContaining("already finished");
        assertThat(rec.phase("late")).isSameAs(ProfileRecorder.Disabled.INSTANCE);
        assertThat(rec.profile().orElseThrow().phases()).hasSize(1);
    }
}
