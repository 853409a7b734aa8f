package dev.spacetime.profiler.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spacetime.profiler.ProfileQuery;
import dev.spacetime.profiler.ProfilerSettings;
import dev.spacetime.profiler.TestProfiles;
import dev.spacetime.profiler.json.JsonWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void debugProfileBodyHasEveryPieceAndSerialisesIdentically() throws Exception {
        TestProfiles t = new TestProfiles(ProfilerSettings.DEFAULTS.withSlowThresholdMillis(2));
        t.sceneLoad("POST", "/scene", 200, 0);
        t.sceneLoad("POST", "/scene", 200, 5);
        t.simple("GET", "/health", 200, 10);

        Map<String, Object> body = ProfileReport.debugProfile(t.profiler.view(ProfileQuery.ALL.withEndpoint("/scene")));
        assertThat(body).containsOnlyKeys("recent_requests", "slow_requests", "phase_statistics", "endpoint_summary",
                "filters_applied", "totals", "settings");
        String ours = JsonWriter.toJson(body);
        assertThat(ours).isEqualTo(MAPPER.writeValueAsString(body)); // same bytes as a real JSON library
        JsonNode json = MAPPER.readTree(ours);

        assertThat(json.get("recent_requests")).hasSize(2);
        JsonNode newest = json.get("recent_requests").get(0);
        assertThat(newest.get("id").asText()).isEqualTo("req_2");
        assertThat(newest.get("duration_ms").asDouble()).isEqualTo(5.791);
        assertThat(newest.get("slow").asBoolean()).isTrue();
        assertThat(newest.get("start").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        List<String> top = new ArrayList<>();
        newest.get("phases").forEach(p -> top.add(p.get("name").asText()));
        assertThat(top).containsExactly("auth", "rate_limit", "validation", "file_io", "parse", "serialization");
        JsonNode parse = newest.get("phases").get(4);
        assertThat(parse.get("duration_ms").asDouble()).isEqualTo(0.4);
        assertThat(parse.get("self_ms").asDouble()).isEqualTo(0.05);
        assertThat(parse.get("children")).hasSize(2);
        assertThat(parse.get("children").get(0).get("name").asText()).isEqualTo("tokenize");

        assertThat(json.get("slow_requests")).hasSize(1);
        assertThat(json.get("phase_statistics").get("parse").get("count").asLong()).isEqualTo(2);
        assertThat(json.get("phase_statistics").get("parse").get("self").get("p99_ms").asDouble()).isEqualTo(0.05);
        assertThat(json.get("endpoint_summary")).hasSize(1);
        assertThat(json.get("endpoint_summary").get(0).get("p50_ms").asDouble()).isEqualTo(0.791);
        assertThat(json.get("endpoint_summary").get(0).get("max_ms").asDouble()).isEqualTo(5.791);
        assertThat(json.get("filters_applied").get("endpoint").asText()).isEqualTo("/scene");
        assertThat(json.get("totals").get("recorded").asLong()).isEqualTo(3);
        assertThat(json.get("settings").get("slow_threshold_ms").asDouble()).isEqualTo(2.0);
    }

    @Test
    void summaryNamesTheSlowestRequest() {
        TestProfiles t = new TestProfiles();
        t.simple("GET", "/a", 200, 10);
        t.simple("GET", "/a", 200, 90);
        Map<String, Object> summary = ProfileReport.summary(t.profiler.view(ProfileQuery.ALL));
        assertThat(summary).containsOnlyKeys("phase_statistics", "endpoint_summary", "slowest_request",
                "filters_applied", "totals", "settings");
        assertThat(((Map<?, ?>) summary.get("slowest_request")).get("id")).isEqualTo("req_2");
        t.profiler.clear();
        assertThat(ProfileReport.summary(t.profiler.view(ProfileQuery.ALL)).get("slowest_request")).isNull();
    }
}
