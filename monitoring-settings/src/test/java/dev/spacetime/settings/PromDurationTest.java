package dev.spacetime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromDurationTest {

    @Test
    void spellsEachUnitLargestFirst() {
        assertThat(PromDuration.ofDays(15)).hasToString("15d");
        assertThat(PromDuration.ofHours(48)).hasToString("2d");
        assertThat(PromDuration.ofMinutes(90)).hasToString("1h30m");
        assertThat(PromDuration.ofSeconds(15)).hasToString("15s");
        assertThat(new PromDuration(Duration.ofMillis(1500))).hasToString("1s500ms");
    }

    @Test
    void theStaticFormatterIsTheSameAndSpellsZero() {
        assertThat(PromDuration.duration(Duration.ofMinutes(121))).isEqualTo("2h1m");
        assertThat(PromDuration.duration(Duration.ofSeconds(75))).isEqualTo("1m15s");
        assertThat(PromDuration.duration(Duration.ZERO)).isEqualTo("0s");
        assertThatThrownBy(() -> PromDuration.duration(Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsDurationsPrometheusCannotSpell() {
        assertThatThrownBy(() -> new PromDuration(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PromDuration(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PromDuration(Duration.ofNanos(1500))).isInstanceOf(IllegalArgumentException.class);
    }
}
