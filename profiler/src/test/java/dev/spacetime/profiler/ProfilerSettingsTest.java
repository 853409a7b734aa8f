package dev.spacetime.profiler;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfilerSettingsTest {
    @Test
    void defaultsMatchTheSpec() {
        assertThat(ProfilerSettings.DEFAULTS).isEqualTo(new ProfilerSettings(true, 1.0, 100_000_000L, 1000, 100));
        assertThat(ProfilerSettings.DEFAULTS.slowThresholdMillis()).isEqualTo(100.0);
    }

    @Test
    void appliesChangesByName() {
        ProfilerSettings s = ProfilerSettings.DEFAULTS.withChanges(Map.of(
                "enabled", false, "sample_rate", 0.25, "slow_threshold_ms", 12.5, "capacity", 50,
                "slow_capacity", 7));
        assertThat(s).isEqualTo(new ProfilerSettings(false, 0.25, 12_500_000L, 50, 7));
        assertThat(ProfilerSettings.DEFAULTS.withChanges(Map.of())).isEqualTo(ProfilerSettings.DEFAULTS);
    }

    @Test
    void rejectsBadValuesWithClearMessages() {
        ProfilerSettings d = ProfilerSettings.DEFAULTS;
        assertThatThrownBy(() -> d.withChanges(Map.of("sample_rate", 1.5))).hasMessageContaining("sample_rate");
        assertThatThrownBy(() -> d.withChanges(Map.of("sample_rate", Double.NaN))).hasMessageContaining("sample_rate");
        assertThatThrownBy(() -> d.withChanges(Map.of("sample_rate", "0.5"))).hasMessageContaining("number");
        assertThatThrownBy(() -> d.withChanges(Map.of("enabled", "yes"))).hasMessageContaining("true or false");
        assertThatThrownBy(() -> d.withChanges(Map.of("capacity", 0))).hasMessageContaining("capacity");
        assertThatThrownBy(() -> d.withChanges(Map.of("capacity", 1e12))).hasMessageContaining("integer");
        assertThatThrownBy(() -> d.withChanges(Map.of("capacity", 2.5))).hasMessageContaining("integer");
        assertThatThrownBy(() -> d.withChanges(Map.of("capacity", ProfilerSettings.MAX_CAPACITY + 1)))
                .hasMessageContaining("capacity");
        assertThatThrownBy(() -> d.withChanges(Map.of("slow_threshold_ms", -1))).hasMessageContaining("slow_threshold");
        assertThatThrownBy(() -> d.withChanges(Map.of("slow_threshold_ms", Double.POSITIVE_INFINITY)))
                .hasMessageContaining("slow_threshold");
        assertThatThrownBy(() -> d.withChanges(Map.of("bogus", 1))).hasMessageContaining("unknown setting");
    }

    @Test
    void aFailedUpdateChangesNothing() {
        Profiler profiler = new Profiler();
        assertThatThrownBy(() -> profiler.updateSettings(s -> s.withChanges(Map.of("capacity", -3))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(profiler.settings()).isEqualTo(ProfilerSettings.DEFAULTS);
    }
}
