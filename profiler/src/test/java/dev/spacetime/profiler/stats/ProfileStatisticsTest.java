package dev.spacetime.profiler.stats;

import dev.spacetime.profiler.ProfileQuery;
import dev.spacetime.profiler.ProfilerSettings;
import dev.spacetime.profiler.TestProfiles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileStatisticsTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        long[] values = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1_000_000L).toArray(); // unsorted
        assertThat(DurationStats.of(values)).isEqualTo(new DurationStats(100, 5_050_000_000L, 1_000_000,
                100_000_000, 50_000_000, 95_000_000, 99_000_000));
    }

    @Test
    void nearestRankOnSmallAndOddSets() {
        // n = 3: ranks ceil(1.5) = 2, ceil(2.85) = 3, ceil(2.97) = 3.
        assertThat(DurationStats.of(new long[] {30, 10, 20}))
                .isEqualTo(new DurationStats(3, 60, 10, 30, 20, 30, 30));
        // n = 1: every percentile is the value.
        assertThat(DurationStats.of(new long[] {7})).isEqualTo(new DurationStats(1, 7, 7, 7, 7, 7, 7));
        // n = 20: p50 rank 10, p95 rank 19, p99 rank 20.
        long[] twenty = LongStream.rangeClosed(1, 20).toArray();
        DurationStats s = DurationStats.of(twenty);
        assertThat(List.of(s.p50Nanos(), s.p95Nanos(), s.p99Nanos())).containsExactly(10L, 19L, 20L);
        assertThat(s.avgNanos()).isEqualTo(10.5);
        assertThat(DurationStats.of(new long[0])).isEqualTo(DurationStats.EMPTY);
    }

    @Test
    void perPhaseStatisticsIncludeNestedPhasesAndSelfTime() {
        TestProfiles t = new TestProfiles();
        t.sceneLoad("POST", "/scene", 200, 0);
        t.sceneLoad("POST", "/scene", 200, 5);
        List<PhaseStats> stats = t.profiler.phaseStatistics(ProfileQuery.ALL);

        assertThat(stats).extracting(PhaseStats::phase).containsExactly("auth", "build_tree", "file_io", "parse",
                "rate_limit", "serialization", "tokenize", "validation");
        PhaseStats parse = stats.get(3);
        assertThat(parse.duration()).isEqualTo(new DurationStats(2, 800_000, 400_000, 400_000, 400_000, 400_000,
                400_000));
        assertThat(parse.self().totalNanos()).isEqualTo(100_000); // 400 - 150 - 200 µs, twice
        assertThat(stats.get(6).duration().count()).isEqualTo(2);
    }

    @Test
    void perEndpointStatisticsSeparateMethodsAndCountErrors() {
        TestProfiles t = new TestProfiles(ProfilerSettings.DEFAULTS.withSlowThresholdMillis(1));
        t.simple("GET", "/scene", 200, 99);     // 100 µs
        t.simple("GET", "/scene", 404, 299);    // 300 µs
        t.simple("GET", "/scene", 503, 1_999);  // 2 ms, slow
        t.simple("POST", "/scene", 429, 9);     // 10 µs
        List<EndpointStats> stats = t.profiler.endpointSummary(ProfileQuery.ALL);

        assertThat(stats).containsExactly(
                new EndpointStats("GET", "/scene", new DurationStats(3, 2_400_000, 100_000, 2_000_000, 300_000,
                        2_000_000, 2_000_000), 1, 1, 1),
                new EndpointStats("POST", "/scene", new DurationStats(1, 10_000, 10_000, 10_000, 10_000, 10_000,
                        10_000), 0, 1, 0));
        assertThat(stats.get(0).duration().avgNanos()).isEqualTo(800_000.0);
    }
}
