package dev.spacetime.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.settings.PromDuration;
import org.junit.jupiter.api.Test;

class ScrapeTimeoutTest {

    @Test
    void scrapeTimeoutNeverExceedsTheInterval() {
        PrometheusSettings fast = StackSettings.testVariant(Ports.DEFAULT, "token", PromDuration.ofSeconds(1)).prometheus();
        assertThat(fast.scrapeTimeout()).hasToString("1s");
        assertThat(StackSettings.compose(ComposeSettings.STANDARD).prometheus().scrapeTimeout()).hasToString("10s");
    }
}
