package dev.spacetime.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.HealthState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An advisory subsystem (the connection count) is reported as it is but never makes the server unready. */
class HealthReportTest {

    private static SubsystemReport sub(String name, HealthState state, boolean advisory) {
        return new SubsystemReport(name, HealthResult.of(state, name + " " + state.label(), Map.of()), 0, advisory);
    }

    @Test
    void anUnhealthyAdvisorySubsystemMakesTheServerDegradedNotUnhealthy() {
        HealthReport report = HealthReport.of(Instant.now(), 1, List.of(
                sub("memory", HealthState.HEALTHY, false), sub("connections", HealthState.UNHEALTHY, true)));
        assertThat(report.overall()).isEqualTo(HealthState.DEGRADED);
        assertThat(report.healthy()).isTrue();
        assertThat(report.toJson().getJsonObject("subsystems").getJsonObject("connections").getString("status"))
                .isEqualTo("unhealthy");
        assertThat(report.toJson().getJsonArray("issues").getString(0)).startsWith("connections: ");
    }

    @Test
    void anUnhealthySubsystemThatIsNotAdvisoryStillMakesTheServerUnhealthy() {
        HealthReport report = HealthReport.of(Instant.now(), 1, List.of(
                sub("memory", HealthState.UNHEALTHY, false), sub("connections", HealthState.DEGRADED, true)));
        assertThat(report.overall()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(report.healthy()).isFalse();
    }

    @Test
    void theConnectionsCheckIsAdvisory() {
        assertThat(new ConnectionsCheck(() -> 5000, 800, 1000).advisory()).isTrue();
        assertThat(new ConnectionsCheck(() -> 5000, 800, 1000).check().state()).isEqualTo(HealthState.UNHEALTHY);
    }
}
