package dev.spacetime.client.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spacetime.catalog.Metrics;
import dev.spacetime.client.exposition.Exposition;
import dev.spacetime.client.exposition.ExpositionParser;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrafficStatsTest {
    private static final String REQUESTS = Metrics.HTTP_REQUESTS.name();
    private static final String DURATION = Metrics.HTTP_REQUEST_DURATION.name();

    /** A scrape with the given request counters and one duration histogram series (0.1, 0.5, +Inf buckets). */
    private static Exposition scrape(double ok, double failed, double le01, double le05, double inf) throws Exception {
        return ExpositionParser.parse(String.join("\n",
                "# TYPE " + REQUESTS + " counter",
                REQUESTS + "{endpoint=\"/scene\",method=\"POST\",status=\"200\"} " + ok,
                REQUESTS + "{endpoint=\"/scene\",method=\"POST\",status=\"503\"} " + failed,
                "# TYPE " + DURATION + " histogram",
                DURATION + "_bucket{endpoint=\"/scene\",method=\"POST\",le=\"0.1\"} " + le01,
                DURATION + "_bucket{endpoint=\"/scene\",method=\"POST\",le=\"0.5\"} " + le05,
                DURATION + "_bucket{endpoint=\"/scene\",method=\"POST\",le=\"+Inf\"} " + inf,
                DURATION + "_count{endpoint=\"/scene\",method=\"POST\"} " + inf,
                "") + "\n");
    }

    @Test
    void rateErrorRatioAndP95FromTwoScrapes() throws Exception {
        TrafficStats t = TrafficStats.between(scrape(10, 0, 5, 10, 10), scrape(28, 2, 5, 20, 30), 4.0);
        assertThat(t.requests()).isEqualTo(20);
        assertThat(t.serverErrors()).isEqualTo(2);
        assertThat(t.requestRate()).isEqualTo(5.0);
        assertThat(t.errorRatio()).isEqualTo(0.1);
        // 20 new observations: 0 ≤ 0.1 s, 10 in (0.1, 0.5], 10 above. Rank 19 falls in +Inf: the highest bound.
        assertThat(t.p95Seconds()).isEqualTo(0.5);
    }

    @Test
    void quantileInterpolatesInsideTheBucket() {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        buckets.put(0.1, 10.0);
        buckets.put(0.5, 30.0);
        buckets.put(Double.POSITIVE_INFINITY, 30.0);
        // rank 0.95·30 = 28.5 lies in (0.1, 0.5] holding counts 10..30: 0.1 + 0.4·(18.5/20)
        assertThat(TrafficStats.quantile(0.95, buckets)).isCloseTo(0.47, within(1e-12));
        // rank 0.2·30 = 6 in the first bucket, interpolated from 0
        assertThat(TrafficStats.quantile(0.2, buckets)).isCloseTo(0.06, within(1e-12));
    }

    @Test
    void noTrafficIsUnknownNotZero() throws Exception {
        TrafficStats t = TrafficStats.between(scrape(10, 1, 5, 10, 10), scrape(10, 1, 5, 10, 10), 2.0);
        assertThat(t.requestRate()).isZero();
        assertThat(t.errorRatio()).isNaN();
        assertThat(t.p95Seconds()).isNaN();
    }

    @Test
    void aCounterThatWentDownWasResetAndCountsFromZero() throws Exception {
        TrafficStats t = TrafficStats.between(scrape(100, 50, 100, 150, 150), scrape(4, 1, 5, 5, 5), 1.0);
        assertThat(t.requests()).isEqualTo(5);
        assertThat(t.serverErrors()).isEqualTo(1);
        assertThat(t.p95Seconds()).isCloseTo(0.1 * 4.75 / 5, within(1e-12));
    }

    @Test
    void seriesNewInTheSecondScrapeCountFully() throws Exception {
        Exposition empty = ExpositionParser.parse("");
        TrafficStats t = TrafficStats.between(empty, scrape(3, 1, 0, 4, 4), 1.0);
        assertThat(t.requests()).isEqualTo(4);
        assertThat(t.errorRatio()).isEqualTo(0.25);
    }
}
