package dev.spacetime.profiler;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileQueryTest {
    private final TestProfiles t = new TestProfiles(ProfilerSettings.DEFAULTS.withSlowThresholdMillis(1));

    @BeforeEach
    void traffic() {
        t.simple("GET", "/scene", 200, 100);        // req_1: 101 µs
        t.simple("POST", "/scene", 200, 1_500);     // req_2: slow
        t.simple("POST", "/scene", 403, 50);        // req_3
        t.simple("GET", "/scenes", 200, 700);       // req_4
        t.simple("GET", "/scene", 500, 3_000);      // req_5: slow
    }

    @Test
    void eachFilterNarrowsTheResult() {
        assertThat(ids(ProfileQuery.ALL)).containsExactly("req_5", "req_4", "req_3", "req_2", "req_1");
        assertThat(ids(ProfileQuery.ALL.withEndpoint("/scene"))).containsExactly("req_5", "req_3", "req_2", "req_1");
        assertThat(ids(ProfileQuery.ALL.withMethod("post"))).containsExactly("req_3", "req_2");
        assertThat(ids(ProfileQuery.ALL.withStatus(500))).containsExactly("req_5");
        assertThat(ids(ProfileQuery.ALL.withSlowOnly(true))).containsExactly("req_5", "req_2");
        assertThat(ids(ProfileQuery.ALL.withMinDurationMs(0.701))).containsExactly("req_5", "req_4", "req_2");
        assertThat(ids(ProfileQuery.ALL.withMinDurationMs(0.702))).containsExactly("req_5", "req_2");
        assertThat(ids(ProfileQuery.ALL.withLimit(2))).containsExactly("req_5", "req_4");
        assertThat(ids(ProfileQuery.ALL.withEndpoint("/scene").withMethod("GET").withSlowOnly(true)))
                .containsExactly("req_5");
        assertThat(ids(ProfileQuery.ALL.withEndpoint("/nothing"))).isEmpty();
    }

    @Test
    void statisticsUseEveryMatchingProfileNotTheLimit() {
        assertThat(t.profiler.endpointSummary(ProfileQuery.ALL.withLimit(1)))
                .extracting(s -> s.duration().count()).containsExactly(2L, 2L, 1L);
        assertThat(t.profiler.phaseStatistics(ProfileQuery.ALL.withMethod("POST")))
                .singleElement().satisfies(s -> assertThat(s.duration().count()).isEqualTo(2));
    }

    @Test
    void aViewLimitsTheListsButNotTheStatistics() {
        ProfileView view = t.profiler.view(ProfileQuery.ALL.withLimit(2));
        assertThat(view.recent()).extracting(RequestProfile::id).containsExactly("req_5", "req_4");
        assertThat(view.slow()).extracting(RequestProfile::id).containsExactly("req_5", "req_2");
        assertThat(view.endpointSummary().stream().mapToLong(s -> s.duration().count()).sum()).isEqualTo(5);
        assertThat(view.slowestRecent()).get().extracting(RequestProfile::id).isEqualTo("req_5");
        assertThat(view.totals().recorded()).isEqualTo(5);
    }

    @Test
    void parsesQueryParameters() {
        ProfileQuery q = ProfileQuery.fromParameters(Map.of("endpoint", "/scene", "method", "get", "status", "200",
                "slow_only", "true", "min_duration_ms", "2.5", "limit", "7", "format", "chrome"));
        assertThat(q).isEqualTo(new ProfileQuery("/scene", "get", 200, true, 2.5, 7));
        assertThat(ProfileQuery.fromParameters(Map.of())).isEqualTo(ProfileQuery.ALL);
        assertThat(ProfileQuery.fromParameters(Map.of("endpoint", " ", "limit", ""))).isEqualTo(ProfileQuery.ALL);
        assertThat(q.toMap()).containsExactly(Map.entry("endpoint", "/scene"), Map.entry("method", "GET"),
                Map.entry("status", 200), Map.entry("slow_only", true), Map.entry("min_duration_ms", 2.5),
                Map.entry("limit", 7));
    }

    @Test
    void rejectsMalformedParametersWithClearMessages() {
        assertThatThrownBy(() -> ProfileQuery.fromParameters(Map.of("status", "abc"))).hasMessage("status must be an integer");
        assertThatThrownBy(() -> ProfileQuery.fromParameters(Map.of("status", "99"))).hasMessageContaining("100..599");
        assertThatThrownBy(() -> ProfileQuery.fromParameters(Map.of("limit", "0"))).hasMessageContaining("limit");
        assertThatThrownBy(() -> ProfileQuery.fromParameters(Map.of("limit", "9999999999"))).hasMessageContaining("limit");
        assertThatThrownBy(() -> ProfileQuery.fromParameters(Map.of("min_duration_ms", "-1")))
                .hasMessageContaining("min_duration_ms");
        assertThatThrownBy(() -> ProfileQuery.fromParameters(Map.of("min_duration_ms", "NaN")))
                .hasMessageContaining("min_duration_ms");
        assertThatThrownBy(() -> ProfileQuery.fromParameters(Map.of("slow_only", "maybe")))
                .hasMessage("slow_only must be true or false");
    }

    private java.util.List<String> ids(ProfileQuery q) {
        return t.profiler.recent(q).stream().map(RequestProfile::id).toList();
    }
}
