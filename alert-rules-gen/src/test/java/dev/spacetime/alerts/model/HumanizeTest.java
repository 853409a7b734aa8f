package dev.spacetime.alerts.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Java port against outputs of Go's fmt and Prometheus' template functions. */
class HumanizeTest {

    @Test
    void formatsLikeGoPercentG4() {
        assertThat(Humanize.g4(0.05)).isEqualTo("0.05");
        assertThat(Humanize.g4(100)).isEqualTo("100");
        assertThat(Humanize.g4(1234.5)).isEqualTo("1234");
        assertThat(Humanize.g4(4.975)).isEqualTo("4.975");
        assertThat(Humanize.g4(12345)).isEqualTo("1.234e+04");
        assertThat(Humanize.g4(0.00001234)).isEqualTo("1.234e-05");
        assertThat(Humanize.g4(2.0000000000000004)).isEqualTo("2");
    }

    @Test
    void humanizesLikePrometheus() {
        assertThat(Humanize.NUMBER.apply(1.2e9)).isEqualTo("1.2G");
        assertThat(Humanize.NUMBER.apply(0.25)).isEqualTo("250m");
        assertThat(Humanize.PERCENTAGE.apply(0.0216)).isEqualTo("2.16%");
        assertThat(Humanize.DURATION.apply(0.975)).isEqualTo("975ms");
        assertThat(Humanize.DURATION.apply(3725)).isEqualTo("1h 2m 5s");
        assertThat(Humanize.DURATION.apply(90061)).isEqualTo("1d 1h 1m 1s");
        assertThat(Humanize.DURATION.apply(0)).isEqualTo("0s");
    }
}
