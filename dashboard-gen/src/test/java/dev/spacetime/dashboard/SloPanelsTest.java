package dev.spacetime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.dashboard.model.ThresholdSteps;
import dev.spacetime.dashboard.model.Visualization;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Severity;
import dev.spacetime.settings.Slo;
import dev.spacetime.settings.Slo.BurnRate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SloPanelsTest {

    private final Slo availability = Slo.defaults().get(0);

    @Test
    void coloursComeFromTheBurnRatesOfTheSlo() {
        // Budget: red when spent, green above what the slowest ticket pair spends (1× over 3d of 30d = 10 %).
        assertThat(SloPanels.budgetSteps(availability)).isEqualTo(
                ThresholdSteps.base("red").then(0, "yellow").then(0.1, "green"));
        assertThat(SloPanels.burnRateSteps(availability)).isEqualTo(
                ThresholdSteps.base("green").then(1, "yellow").then(6, "red"));

        Slo stricter = new Slo("strict", "Stricter.", 0.999, availability.sli(), "availability",
                Duration.ofDays(28), availability.alerts(), List.of(
                        new BurnRate(Severity.CRITICAL, 10, Duration.ofHours(1), Duration.ofMinutes(5)),
                        new BurnRate(Severity.WARNING, 2, Duration.ofDays(7), Duration.ofHours(6))));
        assertThat(SloPanels.burnRateSteps(stricter)).isEqualTo(
                ThresholdSteps.base("green").then(2, "yellow").then(10, "red"));
        assertThat(SloPanels.budgetSteps(stricter)).isEqualTo(
                ThresholdSteps.base("red").then(0, "yellow").then(0.5, "green"));
    }

    @Test
    void everyQueryReadsOneSloOfTheSelectedJob() {
        SloPanels panels = new SloPanels(Scope.defaults());
        for (Slo slo : Slo.defaults()) {
            for (Visualization v : List.of(panels.budget(slo), panels.sli(slo), panels.burnRate(slo))) {
                assertThat(v.targets()).isNotEmpty().allSatisfy(t -> assertThat(t.expr())
                        .contains("slo=\"" + slo.name() + "\"").contains("job=~\"$job\""));
            }
        }
    }
}
