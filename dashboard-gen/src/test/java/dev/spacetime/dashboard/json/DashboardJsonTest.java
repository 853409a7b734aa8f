package dev.spacetime.dashboard.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.dashboard.GrafanaVersion;
import dev.spacetime.dashboard.HttpApiOverview;
import dev.spacetime.dashboard.model.Dashboard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DashboardJsonTest {

    /**
     * The reviewed JSON. After a deliberate change to the dashboard, regenerate it with
     * {@code mvn -pl dashboard-gen verify -Ddashboard.updateGolden=true} and review the diff.
     */
    private static final Path GOLDEN = Path.of("src/test/resources/golden/http_api_overview.json");

    private final Dashboard dashboard = HttpApiOverview.dashboard();

    @Test
    void matchesTheGoldenFile() throws IOException {
        String json = DashboardJson.write(dashboard);
        if (Boolean.getBoolean("dashboard.updateGolden")) {
            Files.writeString(GOLDEN, json, StandardCharsets.UTF_8);
        }
        assertThat(json).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void readingWhatWeWroteGivesTheSameDashboard() {
        String json = DashboardJson.write(dashboard);
        Dashboard back = DashboardJson.read(json);
        assertThat(back).isEqualTo(dashboard);
        assertThat(DashboardJson.write(back)).isEqualTo(json);
    }

    @Test
    void writingIsDeterministic() {
        assertThat(DashboardJson.write(HttpApiOverview.dashboard())).isEqualTo(DashboardJson.write(dashboard));
    }

    @Test
    void prettyPrintedWithSortedKeysAndGrafanasSchemaVersion() {
        String json = DashboardJson.write(dashboard);
        assertThat(json).startsWith("{\n  \"annotations\": {\n").endsWith("}\n").doesNotContain("\r")
                .contains("\n  \"schemaVersion\": " + GrafanaVersion.SCHEMA_VERSION + ",\n")
                .contains("\"panels\": []").contains("\"value\": null");
        assertThat(json.indexOf("\"annotations\"")).isLessThan(json.indexOf("\"panels\""));
        assertThat(json.indexOf("\"panels\"")).isLessThan(json.indexOf("\"uid\": \"" + HttpApiOverview.UID));
    }

    @Test
    void unknownKeysAreRejectedNotDropped() {
        String json = DashboardJson.write(dashboard).replaceFirst("\"editable\"", "\"editablee\"");
        assertThatThrownBy(() -> DashboardJson.read(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("editablee");
    }
}
