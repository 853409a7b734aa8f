package dev.spacetime.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.HealthState;
import dev.spacetime.catalog.Metrics;
import io.prometheus.metrics.core.metrics.Gauge;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthServiceTest {

    private static Gauge gauge() {
        return Gauge.builder().name(Metrics.HEALTH_STATUS.name()).help("h")
                .labelNames(Metrics.HEALTH_STATUS.labels().toArray(String[]::new)).build();
    }

    private static HealthCheck check(String name, HealthState state) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthResult check() {
                return HealthResult.of(state, name + " is " + state.label(), Map.of());
            }
        };
    }

    @Test
    void aHungCheckTimesOutAsUnhealthyWithoutHoldingUpTheOthersOrPilingUpThreads() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        HealthCheck hung = new HealthCheck() {
            @Override
            public String name() {
                return "hung";
            }

            @Override
            public HealthResult check() throws InterruptedException {
                runs.incrementAndGet();
                never.await();
                return HealthResult.of(HealthState.HEALTHY, "never", Map.of());
            }
        };
        try (HealthService service = new HealthService(List.of(check("fine", HealthState.HEALTHY), hung),
                Duration.ofMillis(200), gauge())) {
            HealthReport first = service.check().get();
            HealthReport second = service.check().get();
            assertThat(first.overall()).isEqualTo(HealthState.UNHEALTHY);
            SubsystemReport hungReport = second.subsystems().get(1);
            assertThat(hungReport.result().state()).isEqualTo(HealthState.UNHEALTHY);
            assertThat(hungReport.result().message()).contains("timed out");
            assertThat(second.subsystems().get(0).result().state()).isEqualTo(HealthState.HEALTHY);
            assertThat(runs.get()).as("the second report waits on the run still in flight").isEqualTo(1);
            never.countDown();
        }
    }

    @Test
    void overallIsTheWorstSubsystemAndGaugesAreOneHot() throws Exception {
        Gauge gauge = gauge();
        try (HealthService service = new HealthService(List.of(check("a", HealthState.HEALTHY),
                check("b", HealthState.DEGRADED)), Duration.ofSeconds(5), gauge)) {
            HealthReport report = service.check().get();
            assertThat(report.overall()).isEqualTo(HealthState.DEGRADED);
            assertThat(report.healthy()).isTrue();
            assertThat(report.toJson().getJsonArray("issues").getList()).containsExactly("b: b is degraded");
            assertThat(gauge.labelValues("overall", "degraded").get()).isEqualTo(1);
            assertThat(gauge.labelValues("overall", "healthy").get()).isZero();
            assertThat(gauge.labelValues("a", "healthy").get()).isEqualTo(1);
        }
    }

    @Test
    void aFailingCheckIsUnhealthyNotAnError() throws Exception {
        HealthCheck broken = new HealthCheck() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public HealthResult check() {
                throw new IllegalStateException("disk on fire");
            }
        };
        try (HealthService service = new HealthService(List.of(broken), Duration.ofSeconds(5), gauge())) {
            HealthResult result = service.check().get().subsystems().get(0).result();
            assertThat(result.state()).isEqualTo(HealthState.UNHEALTHY);
            assertThat(result.message()).contains("disk on fire");
        }
    }
}
