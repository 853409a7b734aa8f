package dev.spacetime.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.HealthState;
import dev.spacetime.server.auth.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The dead man's switch judged against a clock moved by hand. */
class AlertingCheckTest {

    private static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final AtomicReference<Instant> last = new AtomicReference<>();
    private final AlertingCheck check = new AlertingCheck(() -> Optional.ofNullable(last.get()),
            Duration.ofMinutes(5), clock);

    @Test
    void offAndHealthyUntilTheFirstHeartbeatEver() {
        clock.advance(Duration.ofDays(3));
        HealthResult r = check.check();
        assertThat(r.state()).isEqualTo(HealthState.HEALTHY);
        assertThat(r.details()).isEqualTo(Map.of("heartbeat", "never", "window_seconds", 300L));
        assertThat(r.message()).contains("off");
    }

    @Test
    void healthyWithinTheWindowDegradedPastItNeverUnhealthy() {
        last.set(T0);
        clock.advance(Duration.ofSeconds(42));
        HealthResult fresh = check.check();
        assertThat(fresh.state()).isEqualTo(HealthState.HEALTHY);
        assertThat(fresh.details()).isEqualTo(Map.of("heartbeat", "2026-11-30T06:00:00Z", "age_seconds", 42L,
                "window_seconds", 300L));

        clock.set(T0.plus(Duration.ofMinutes(5)));
        assertThat(check.check().state()).as("exactly the window old").isEqualTo(HealthState.HEALTHY);

        clock.advance(Duration.ofSeconds(1));
        HealthResult stale = check.check();
        assertThat(stale.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(stale.message()).contains("301 s", "window 300 s");
        assertThat(stale.details()).containsEntry("age_seconds", 301L);

        clock.advance(Duration.ofDays(30));
        assertThat(check.check().state()).isEqualTo(HealthState.DEGRADED);
        assertThat(check.advisory()).as("cannot take the server out of rotation").isTrue();

        last.set(clock.instant());
        assertThat(check.check().state()).as("a new heartbeat").isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void aHeartbeatAheadOfTheClockIsJustArrived() {
        last.set(T0.plusSeconds(3600));
        HealthResult r = check.check();
        assertThat(r.state()).isEqualTo(HealthState.HEALTHY);
        assertThat(r.details()).containsEntry("age_seconds", 0L);
    }
}
