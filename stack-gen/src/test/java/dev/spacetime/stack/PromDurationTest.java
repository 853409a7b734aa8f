package dev.spacetime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromDurationTest {

    @Test
    void usesTheLargestExactUnit() {
        assertThat(PromDuration.ofDays(15)).hasToString("15d");
        assertThat(PromDuration.ofHours(48)).hasToString("2d");
        assertThat(PromDuration.ofMinutes(90)).hasToString("90m");
        assertThat(PromDuration.ofSeconds(15)).hasToString("15s");
        assertThat(new PromDuration(Duration.ofMillis(1500))).hasToString("1500ms");
    }

    @Test
    void rejectsDurationsPrometheusCannotSpell() {
        assertThatThrownBy(() -> new PromDuration(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PromDuration(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PromDuration(Duration.ofNanos(1500))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scrapeTimeoutNeverExceedsTheInterval() {
        PrometheusSettings fast = StackSettings.testVariant(Ports.DEFAULT, "token", PromDuration.ofSeconds(1)).prometheus();
        assertThat(fast.scrapeTimeout()).hasToString("1s");
        assertThat(StackSettings.compose(ComposeSettings.STANDARD).prometheus().scrapeTimeout()).hasToString("10s");
    }
}
