package dev.spacetime.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.HealthState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryCheckTest {
    private static final long MB = 1024 * 1024;

    /** RSS and heap now far above every threshold; only the after-GC figure varies. */
    private static HealthResult check(long afterGcMb, long maxMb) {
        MemoryProbe probe = () -> new MemoryProbe.Reading(1536 * MB, 1400 * MB, afterGcMb * MB, maxMb * MB, 90 * MB);
        return new MemoryCheck(probe, 512, 1024).check();
    }

    @Test
    void garbageAboveTheThresholdsIsHealthyWhenTheLiveHeapIsSmall() {
        HealthResult r = check(200, 6144);
        assertThat(r.state()).isEqualTo(HealthState.HEALTHY);
        assertThat(r.message()).isEqualTo("live heap 200 MB after GC");
        assertThat(r.details()).containsEntry("judged", "heap_after_gc_mb").containsEntry("heap_after_gc_mb", 200L)
                .containsEntry("heap_used_mb", 1400L).containsEntry("rss_mb", 1536L)
                .containsEntry("heap_max_mb", 6144L).containsEntry("non_heap_mb", 90L)
                .containsEntry("degraded_mb", 512L).containsEntry("unhealthy_mb", 1024L);
    }

    @Test
    void theAfterGcFigureCrossesTheThresholdsWhereTheyAre() {
        assertThat(check(511, 6144).state()).isEqualTo(HealthState.HEALTHY);
        assertThat(check(512, 6144).state()).isEqualTo(HealthState.DEGRADED);
        assertThat(check(512, 6144).message()).contains("512 MB after GC reached the degraded threshold 512 MB");
        assertThat(check(1023, 6144).state()).isEqualTo(HealthState.DEGRADED);
        assertThat(check(1024, 6144).state()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(check(1024, 6144).message()).contains("reached the unhealthy threshold 1024 MB");
    }

    @Test
    void aLiveHeapNearItsLimitIsDegradedBelowTheThresholds() {
        // -Xmx400m: 360 MB live is 90 % of the limit.
        assertThat(check(359, 400).state()).isEqualTo(HealthState.HEALTHY);
        HealthResult near = check(360, 400);
        assertThat(near.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(near.message()).isEqualTo("live heap 360 MB after GC is within 10 % of the heap limit 400 MB");
        // No defined limit (max -1 reported as 0): only the thresholds apply.
        assertThat(check(300, 0).state()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void thisJvmsReadingIsConsistent() {
        List<byte[]> garbage = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            garbage.add(new byte[1 << 20]);
        }
        MemoryProbe.Reading r = MemoryProbe.jvm().read();
        assertThat(garbage).hasSize(64);
        assertThat(r.heapUsedBytes()).isGreaterThanOrEqualTo(64 * MB);
        assertThat(r.heapAfterGcBytes()).isPositive()
                .isLessThanOrEqualTo(Math.max(r.heapMaxBytes(), r.heapUsedBytes()));
        assertThat(r.nonHeapBytes()).isPositive();
        assertThat(r.rssBytes()).isGreaterThan(r.nonHeapBytes());
        assertThat(new MemoryCheck(1 << 20, 1 << 21).check().details()).containsKeys("rss_mb", "heap_after_gc_mb",
                "heap_used_mb", "heap_max_mb", "non_heap_mb");
    }
}
