package dev.spacetime.dashboard.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    void variablesAndDatasourceReferencesAreInGrafanasFormat() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(DashboardJson.write(dashboard));
        // Written from Grafana's dashboard JSON model, not from this generator's output.
        JsonNode datasourceVariable = mapper.readTree("""
                {"type": "datasource", "name": "datasource", "label": "Data source", "query": "prometheus",
                 "current": {"text": "Prometheus", "value": "prometheus"}, "hide": 0, "refresh": 1, "regex": ""}
                """);
        JsonNode variableRef = mapper.readTree("{\"type\": \"prometheus\", \"uid\": \"${datasource}\"}");
        assertThat(json.at("/templating/list/0")).isEqualTo(datasourceVariable);
        assertThat(json.at("/time")).isEqualTo(mapper.readTree("{\"from\": \"now-1h\", \"to\": \"now\"}"));
        assertThat(json.at("/uid").asText()).isEqualTo("spacetime-http-api");
        int queries = 0;
        for (JsonNode panel : json.get("panels")) {
            if (panel.get("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.get("datasource")).as(panel.get("title").asText()).isEqualTo(variableRef);
            for (JsonNode target : panel.get("targets")) {
                assertThat(target.get("datasource")).isEqualTo(variableRef);
                assertThat(target.get("refId").asText()).matches("[A-Z]");
                assertThat(target.get("expr").asText()).isNotBlank();
                queries++;
            }
        }
        assertThat(queries).isPositive();
        for (JsonNode annotation : json.at("/annotations/list")) {
            assertThat(annotation.get("datasource")).isEqualTo(variableRef);
        }
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
