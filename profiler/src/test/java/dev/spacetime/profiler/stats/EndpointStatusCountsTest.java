package dev.spacetime.profiler.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.profiler.RequestProfile;
import dev.spacetime.profiler.TestProfiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 4xx is 400 to 499 and 5xx is 500 and up, edges included. */
class EndpointStatusCountsTest {

    @Test
    void clientAndServerErrorsAreCountedAtTheirEdges() {
        TestProfiles t = new TestProfiles();
        List<RequestProfile> profiles = new ArrayList<>();
        for (int status : new int[] {200, 399, 400, 404, 499, 500, 503, 599}) {
            profiles.add(t.simple("GET", "/scene", status, 10));
        }
        List<EndpointStats> stats = ProfileStatistics.byEndpoint(profiles);
        assertThat(stats).hasSize(1);
        assertThat(stats.get(0).clientErrors()).isEqualTo(3);
        assertThat(stats.get(0).serverErrors()).isEqualTo(3);
    }

    @Test
    void aLoneStatusAtEachEdgeLandsOnItsSide() {
        TestProfiles t = new TestProfiles();
        assertThat(counts(t.simple("GET", "/a", 400, 1))).containsExactly(1L, 0L);
        assertThat(counts(t.simple("GET", "/a", 500, 1))).containsExactly(0L, 1L);
        assertThat(counts(t.simple("GET", "/a", 399, 1))).containsExactly(0L, 0L);
        assertThat(counts(t.simple("GET", "/a", 499, 1))).containsExactly(1L, 0L);
    }

    private static List<Long> counts(RequestProfile p) {
        EndpointStats s = ProfileStatistics.byEndpoint(List.of(p)).get(0);
        return List.of(s.clientErrors(), s.serverErrors());
    }
}
