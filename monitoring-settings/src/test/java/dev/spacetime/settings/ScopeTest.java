package dev.spacetime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void theDefaultSelectsTheCatalogsJobAndKeepsItInAggregations() {
        Scope s = Scope.defaults();
        assertThat(s.select("up")).isEqualTo("up{job=\"spacetime_api\"}");
        assertThat(s.select("up", "instance=\"a\"")).isEqualTo("up{job=\"spacetime_api\", instance=\"a\"}");
        assertThat(s.by("endpoint")).containsExactly("job", "endpoint");
        assertThat(s.labels()).containsExactly(java.util.Map.entry("job", "spacetime_api"));
    }

    @Test
    void aClusterLabelJoinsEverySelectorAndAggregation() {
        Scope s = Scope.of("vr").withCluster("cluster", "eu-1");
        assertThat(s.select("up")).isEqualTo("up{cluster=\"eu-1\", job=\"vr\"}");
        assertThat(s.by()).containsExactly("cluster", "job");
        assertThat(s.labelNames()).containsExactly("cluster", "job");
    }

    @Test
    void rejectsNamesThatWouldBreakSelectorsOrTheDashboardsRegex() {
        assertThatThrownBy(() -> Scope.of("a.b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scope.of("x\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scope.defaults().withCluster("job", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scope.defaults().withCluster("cluster", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thresholdsRefuseAnInstancesDownRatioThatCouldNeverOrAlwaysFire() {
        Thresholds d = Thresholds.defaults();
        assertThatThrownBy(() -> new Thresholds(d.httpErrorRatio(), d.minRequestRate(), d.criticalLatencyP99Seconds(),
                d.warningLatencyP95Seconds(), d.criticalAuthFailuresPerMin(), d.warningAuthFailuresPerMin(),
                d.rateLimitHitsPerMin(), d.criticalMemoryBytes(), d.warningMemoryBytes(), d.sceneLoadErrorRatio(),
                d.minSceneLoadRate(), 1.0, d.notificationFailureRatio(), d.notificationQueueRatio(), d.scrapeDurationRatio(),
                d.filesystemAvailableRatio(), d.filesystemFillHours(), d.filesystemFillGuardRatio(), d.memoryAvailableRatio(),
                d.cpuBusyRatio())).isInstanceOf(IllegalArgumentException.class);
    }
}
