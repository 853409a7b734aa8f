package dev.spacetime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.catalog.Metrics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SloTest {

    @Test
    void theThreeDefaultsWithTheWorkbookPairsAndA30DayWindow() {
        assertThat(Slo.defaults()).extracting(Slo::name).containsExactly("availability", "latency", "scene_loads");
        Slo availability = Slo.defaults().get(0);
        assertThat(availability.errorBudget()).isEqualTo(0.001);
        assertThat(availability.window()).isEqualTo(Duration.ofDays(30));
        assertThat(availability.burnRates(Severity.CRITICAL)).extracting(Slo.BurnRate::factor).containsExactly(14.4, 6.0);
        assertThat(availability.burnRates(Severity.WARNING)).extracting(Slo.BurnRate::factor).containsExactly(3.0, 1.0);
        // Every window an alert reads, and the compliance window the budget reads, shortest first.
        assertThat(availability.windows()).extracting(PromDuration::duration)
                .containsExactly("5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d");
        assertThat(availability.alert(Severity.CRITICAL)).isEqualTo("AvailabilitySLOFastBurn");
    }

    @Test
    void sceneLoadsCountSuccessesAndFailuresAsTheTotal() {
        // scene_loads_total counts only successful loads: the total is both counters.
        Slo.Events sli = (Slo.Events) Slo.defaults().get(2).sli();
        assertThat(sli.total()).extracting(Slo.Selector::metric)
                .containsExactly(Metrics.SCENE_LOADS.name(), Metrics.SCENE_LOAD_ERRORS.name());
    }

    @Test
    void rejectsWhatCannotBeGenerated() {
        Slo a = Slo.defaults().get(0);
        assertThatThrownBy(() -> new Slo.Latency(Metrics.HTTP_REQUEST_DURATION, 0.3, List.of()))
                .hasMessageContaining("not a bucket bound");
        assertThatThrownBy(() -> new Slo("a", "", 1.0, a.sli(), "availability", a.window(), a.alerts(),
                a.burnRates())).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> new Slo("a", "", 0.99, a.sli(), "availability", a.window(), a.alerts(),
                a.burnRates(Severity.CRITICAL))).hasMessageContaining("WARNING");
        assertThatThrownBy(() -> Settings.defaults().withSlos(List.of(a, a))).hasMessageContaining("unique");
    }
}
