package dev.spacetime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    @Test
    void theWindowMustOutlastTwoDeliveryIntervalsAndOneLostDelivery() {
        assertThat(new Heartbeat(PromDuration.ofMinutes(1), PromDuration.ofMinutes(3)).windowDuration())
                .isEqualTo(Duration.ofMinutes(3));
        assertThatThrownBy(() -> new Heartbeat(PromDuration.ofMinutes(1), PromDuration.ofSeconds(179)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("three repeat intervals");
    }

    @Test
    void stackJobsKeepTheApiScopesCluster() {
        Settings s = Settings.defaults().withScope(Scope.defaults().withCluster("cluster", "eu-1"));
        assertThat(s.stackScope(s.stackJobs().node()).select("up"))
                .isEqualTo("up{cluster=\"eu-1\", job=\"node\"}");
        assertThatThrownBy(() -> StackJobs.named("prometheus", "a\"}", "node"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
