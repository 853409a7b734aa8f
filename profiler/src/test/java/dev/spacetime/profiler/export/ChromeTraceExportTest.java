package dev.spacetime.profiler.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spacetime.profiler.ProfileRecorder;
import dev.spacetime.profiler.ProfileQuery;
import dev.spacetime.profiler.RequestProfile;
import dev.spacetime.profiler.TestProfiles;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.spacetime.profiler.export.ExportFixtures.assertWellNested;
import static dev.spacetime.profiler.export.ExportFixtures.events;
import static dev.spacetime.profiler.export.ExportFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("try") // phase scopes are used for their close() only, as handlers use them
class ChromeTraceExportTest {
    private final TestProfiles t = new TestProfiles();

    @Test
    void oneRequestGivesNestedCompleteEventsInMicroseconds() {
        RequestProfile p = t.sceneLoad("POST", "/scene", 200, 0);
        JsonNode trace = parse(ChromeTraceExport.export(List.of(p)));

        assertThat(trace.get("displayTimeUnit").asText()).isEqualTo("ms");
        List<JsonNode> meta = events(trace, "M");
        assertThat(meta).extracting(e -> e.get("name").asText() + "=" + e.get("args").get("name").asText())
                .containsExactly("process_name=spacetime-api", "thread_name=requests 1");
        List<JsonNode> x = events(trace, "X");
        assertThat(x).extracting(e -> e.get("name").asText() + "@" + e.get("ts").asText() + "+" + e.get("dur").asText())
                .containsExactly("POST /scene@0+791", "auth@1+10", "rate_limit@12+5", "validation@18+20",
                        "file_io@39+300", "parse@340+400", "tokenize@350+150", "build_tree@500+200",
                        "serialization@741+50");
        assertThat(x.get(0).get("args").get("status").asInt()).isEqualTo(200);
        assertWellNested(trace);
    }

    @Test
    void overlappingRequestsGetSeparateThreadsAndNoRequestIds() {
        ProfileRecorder a = t.profiler.start("GET", "/scene");
        t.ticker.advanceMicros(10);
        ProfileRecorder b = t.profiler.start("POST", "/scene");
        try (var p = b.phase("parse")) {
            t.ticker.advanceMicros(5);
        }
        b.finish(200, 0, 0);
        a.begin("serialization");
        t.ticker.advanceMicros(20);
        a.finish(200, 0, 0);
        t.ticker.advanceMicros(100);
        t.sceneLoad("PUT", "/scene", 200, 0); // starts after both ended: reuses lane 1

        String json = ChromeTraceExport.export(t.profiler.recent(ProfileQuery.ALL));
        JsonNode trace = parse(json);
        assertThat(json).doesNotContain("req_");
        Map<String, Integer> tidOfRoot = new HashMap<>();
        for (JsonNode e : events(trace, "X")) {
            if (e.get("cat").asText().equals("request")) {
                tidOfRoot.put(e.get("name").asText(), e.get("tid").asInt());
            }
        }
        assertThat(tidOfRoot).containsEntry("GET /scene", 1).containsEntry("POST /scene", 2)
                .containsEntry("PUT /scene", 1);
        assertThat(events(trace, "M")).hasSize(3);
        assertWellNested(trace);
    }

    @Test
    void emptyInputIsAValidTrace() {
        JsonNode trace = parse(ChromeTraceExport.export(List.of()));
        assertThat(events(trace, "X")).isEmpty();
        assertThat(events(trace, "M")).hasSize(1);
    }
}
