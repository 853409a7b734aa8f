package dev.spacetime.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @Test
    void namesAreValidAndUnique() {
        var seen = new HashSet<String>();
        for (MetricDef m : Metrics.ALL) {
            assertThat(m.name()).matches(VALID_NAME);
            assertThat(seen.add(m.name())).as("duplicate %s", m.name()).isTrue();
            m.labels().forEach(l -> assertThat(l).matches("[a-zA-Z_][a-zA-Z0-9_]*"));
        }
    }

    @Test
    void bucketsMatchTheSpec() {
        assertThat(Metrics.HTTP_REQUEST_DURATION.buckets())
                .containsExactly(.005, .01, .025, .05, .1, .25, .5, 1.0, 2.5, 5.0, 10.0);
        assertThat(Metrics.HTTP_RESPONSE_SIZE.buckets())
                .containsExactly(100.0, 500.0, 1e3, 5e3, 1e4, 5e4, 1e5, 5e5, 1e6, 5e6);
        Metrics.ALL.stream().filter(m -> m.type() == MetricType.HISTOGRAM)
                .forEach(m -> assertThat(m.buckets()).isSorted().doesNotHaveDuplicates());
    }

    @Test
    void counterRegistrationNameDropsTotal() {
        assertThat(Metrics.HTTP_REQUESTS.baseName()).isEqualTo("http_requests");
        assertThat(Metrics.ACTIVE_CONNECTIONS.baseName()).isEqualTo("active_connections");
    }

    @Test
    void histogramSeriesAreKnown() {
        assertThat(Metrics.isKnownSeries("http_request_duration_seconds_bucket")).isTrue();
        assertThat(Metrics.isKnownSeries("http_requests_total")).isTrue();
        assertThat(Metrics.isKnownSeries("http_requests")).isFalse();
        assertThatThrownBy(Metrics.HTTP_REQUESTS::bucket).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsMalformedDefinitions() {
        assertThatThrownBy(() -> new MetricDef("x", MetricType.COUNTER, "h", List.of(), List.of(), Source.APPLICATION))
                .hasMessageContaining("_total");
        assertThatThrownBy(() -> new MetricDef("x", MetricType.HISTOGRAM, "h", List.of(), List.of(), Source.APPLICATION))
                .hasMessageContaining("buckets");
    }

    @Test
    void labelValuesAreLowerSnakeCase() {
        assertThat(AuthResult.failures()).extracting(AuthResult::label)
                .containsExactly("missing_token", "invalid_token", "expired_token", "forbidden");
        assertThat(HealthState.DEGRADED.worst(HealthState.UNHEALTHY)).isEqualTo(HealthState.UNHEALTHY);
        assertThat(SceneErrorType.PARSE_ERROR.label()).isEqualTo("parse_error");
    }

    @Test
    void promqlComposes() {
        String q = PromQL.sumBy(PromQL.rate(PromQL.select(Metrics.HTTP_REQUESTS.name(),
                PromQL.re(Labels.STATUS, "5..")), "5m"), Labels.ENDPOINT);
        assertThat(q).isEqualTo("sum by (endpoint) (rate(http_requests_total{status=~\"5..\"}[5m]))");
    }
}
