package dev.spacetime.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LatencyExemplarsTest {
    private static final double[] BOUNDS = {.005, .01, .1, 1};
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_000_000_000_000L;

    private final LatencyExemplars exemplars = new LatencyExemplars(BOUNDS, T0);

    @Test
    void oneUpdatePerBucketPerInterval() {
        exemplars.offer(2 * MS, T0, 1, null);
        exemplars.offer(3 * MS, T0 + MS, 2, null);                 // same bucket, not due
        exemplars.offer(50 * MS, T0 + MS, 3, "4bf92f3577b34da6a3ce929d0e0e4736"); // another bucket
        exemplars.offer(5_000 * MS, T0 + MS, 4, null);             // +Inf
        assertThat(ids(exemplars.collect(seq -> true))).containsExactlyInAnyOrder("req_1", "req_3", "req_4");
        exemplars.offer(3 * MS, T0 + LatencyExemplars.UPDATE_INTERVAL_NANOS, 5, null);
        assertThat(ids(exemplars.collect(seq -> true))).containsExactlyInAnyOrder("req_5", "req_3", "req_4");
    }

    @Test
    void labelsCarryTheRequestIdAndTheTraceIdWhenThereIsOne() {
        exemplars.offer(2 * MS, T0, 7, null);
        exemplars.offer(50 * MS, T0, 8, "4bf92f3577b34da6a3ce929d0e0e4736");
        List<Exemplar> all = new ArrayList<>();
        exemplars.collect(seq -> true).forEach(all::add);
        assertThat(all).anySatisfy(e -> {
            assertThat(e.getLabels().get("request_id")).isEqualTo("req_7");
            assertThat(e.getLabels().size()).isEqualTo(1);
            assertThat(e.getValue()).isEqualTo(0.002);
        }).anySatisfy(e -> {
            assertThat(e.getLabels().get("request_id")).isEqualTo("req_8");
            assertThat(e.getLabels().get("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(e.getValue()).isEqualTo(0.05);
        });
    }

    @Test
    void anEvictedProfileIsNeverAdvertisedAndItsBucketTakesTheNextRequest() {
        exemplars.offer(2 * MS, T0, 1, null);
        exemplars.offer(50 * MS, T0, 2, null);
        Set<Long> kept = Set.of(2L);
        assertThat(ids(exemplars.collect(kept::contains))).containsExactly("req_2");
        // Within the interval, yet the emptied bucket is due again.
        exemplars.offer(2 * MS, T0 + MS, 3, null);
        assertThat(ids(exemplars.collect(seq -> seq == 3))).containsExactly("req_3");
    }

    @Test
    void unprofiledRequestsAreNeverOffered() {
        exemplars.offer(2 * MS, T0, 0, "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(exemplars.collect(seq -> true).size()).isZero();
        exemplars.offer(2 * MS, T0, 9, null);
        assertThat(ids(exemplars.collect(seq -> true))).containsExactly("req_9");
    }

    private static List<String> ids(Exemplars exemplars) {
        List<String> out = new ArrayList<>();
        exemplars.forEach(e -> out.add(e.getLabels().get("request_id")));
        return out;
    }
}
