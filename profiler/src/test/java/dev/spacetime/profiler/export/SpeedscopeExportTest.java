package dev.spacetime.profiler.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spacetime.profiler.ProfileQuery;
import dev.spacetime.profiler.RequestProfile;
import dev.spacetime.profiler.TestProfiles;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static dev.spacetime.profiler.export.ExportFixtures.parse;
import static dev.spacetime.profiler.export.ExportFixtures.speedscopeErrors;
import static org.assertj.core.api.Assertions.assertThat;

class SpeedscopeExportTest {
    private final TestProfiles t = new TestProfiles();

    @Test
    void eventedProfileOfOneRequestIsValidAndWellNested() {
        RequestProfile p = t.sceneLoad("POST", "/scene", 200, 0);
        String json = SpeedscopeExport.evented(List.of(p));

        assertThat(speedscopeErrors(json)).isEmpty();
        JsonNode file = parse(json);
        assertThat(file.get("$schema").asText()).isEqualTo(SpeedscopeExport.SCHEMA);
        List<String> frames = new ArrayList<>();
        file.get("shared").get("frames").forEach(f -> frames.add(f.get("name").asText()));
        assertThat(frames).containsExactly("POST /scene", "auth", "rate_limit", "validation", "file_io", "parse",
                "tokenize", "build_tree", "serialization");

        JsonNode profile = file.get("profiles").get(0);
        assertThat(profile.get("type").asText()).isEqualTo("evented");
        assertThat(profile.get("unit").asText()).isEqualTo("microseconds");
        assertThat(profile.get("name").asText()).isEqualTo("req_1 POST /scene 200");
        assertThat(profile.get("endValue").asDouble()).isEqualTo(791.0);
        assertWellFormedEvents(profile, frames);

        List<String> opened = new ArrayList<>();
        profile.get("events").forEach(e -> {
            if (e.get("type").asText().equals("O")) {
                opened.add(frames.get(e.get("frame").asInt()) + "@" + e.get("at").asText());
            }
        });
        assertThat(opened).containsExactly("POST /scene@0", "auth@1", "rate_limit@12", "validation@18",
                "file_io@39", "parse@340", "tokenize@350", "build_tree@500", "serialization@741");
    }

    @Test
    void oneEventedProfilePerRequestWithSharedFrames() {
        t.sceneLoad("POST", "/scene", 200, 0);
        t.simple("GET", "/scenes", 200, 30);
        t.sceneLoad("PUT", "/scene", 400, 2);
        String json = SpeedscopeExport.evented(t.profiler.recent(ProfileQuery.ALL));

        assertThat(speedscopeErrors(json)).isEmpty();
        JsonNode file = parse(json);
        List<String> frames = new ArrayList<>();
        file.get("shared").get("frames").forEach(f -> frames.add(f.get("name").asText()));
        assertThat(frames).doesNotHaveDuplicates().contains("PUT /scene", "GET /scenes", "POST /scene", "handler");
        assertThat(file.get("profiles")).hasSize(3);
        file.get("profiles").forEach(p -> assertWellFormedEvents(p, frames));
        assertThat(file.get("profiles").get(0).get("endValue").asDouble()).isEqualTo(2791.0);
    }

    @Test
    void sampledProfileAggregatesStacksWeightedBySelfTime() {
        t.sceneLoad("POST", "/scene", 200, 0);
        t.sceneLoad("POST", "/scene", 200, 3);
        t.simple("GET", "/scenes", 200, 30);
        List<RequestProfile> all = t.profiler.recent(ProfileQuery.ALL);
        String json = SpeedscopeExport.sampled(all, "all requests");

        assertThat(speedscopeErrors(json)).isEmpty();
        JsonNode file = parse(json);
        JsonNode profile = file.get("profiles").get(0);
        assertThat(profile.get("type").asText()).isEqualTo("sampled");
        assertThat(profile.get("samples")).hasSameSizeAs(profile.get("weights"));

        List<String> frames = new ArrayList<>();
        file.get("shared").get("frames").forEach(f -> frames.add(f.get("name").asText()));
        List<String> stacks = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < profile.get("samples").size(); i++) {
            List<String> names = new ArrayList<>();
            profile.get("samples").get(i).forEach(f -> names.add(frames.get(f.asInt())));
            double w = profile.get("weights").get(i).asDouble();
            assertThat(w).isPositive();
            stacks.add(String.join(";", names) + " " + profile.get("weights").get(i).asText());
            sum += w;
        }
        // Self times add up to the total of every request: 791 + 3791 + 31 µs.
        assertThat(sum).isEqualTo(4613.0);
        assertThat(profile.get("endValue").asDouble()).isEqualTo(4613.0);
        assertThat(stacks).containsExactly(
                "GET /scenes 1", "GET /scenes;handler 30",
                "POST /scene 3012", "POST /scene;auth 20", "POST /scene;file_io 600", "POST /scene;parse 100",
                "POST /scene;parse;build_tree 400", "POST /scene;parse;tokenize 300", "POST /scene;rate_limit 10",
                "POST /scene;serialization 100", "POST /scene;validation 40");
    }

    @Test
    void emptyInputStillGivesAValidFile() {
        assertThat(speedscopeErrors(SpeedscopeExport.sampled(List.of(), "nothing"))).isEmpty();
        assertThat(speedscopeErrors(SpeedscopeExport.evented(List.of()))).isEmpty();
    }

    @Test
    void theSchemaCheckCanFail() {
        String good = SpeedscopeExport.evented(List.of(t.simple("GET", "/x", 200, 5)));
        assertThat(speedscopeErrors(good.replace("\"microseconds\"", "\"ms\""))).isNotEmpty();
        assertThat(speedscopeErrors(good.replace("\"type\":\"O\"", "\"type\":\"X\""))).isNotEmpty();
    }

    @Test
    void anEventedFileIsExactlyTheHandWrittenOne() {
        RequestProfile p = t.simple("GET", "/x", 404, 5); // handler from 1 µs to 6 µs, request ends at 6 µs
        assertSameJson(SpeedscopeExport.evented(List.of(p)), """
                {"$schema": "https://www.speedscope.app/file-format-schema.json", "name": "req_1 GET /x 404",
                 "exporter": "spacetime-profiler", "activeProfileIndex": 0,
                 "shared": {"frames": [{"name": "GET /x"}, {"name": "handler"}]},
                 "profiles": [{"type": "evented", "name": "req_1 GET /x 404", "unit": "microseconds",
                   "startValue": 0, "endValue": 6,
                   "events": [{"type": "O", "frame": 0, "at": 0}, {"type": "O", "frame": 1, "at": 1},
                              {"type": "C", "frame": 1, "at": 6}, {"type": "C", "frame": 0, "at": 6}]}]}
                """);
    }

    @Test
    void aSampledFileIsExactlyTheHandWrittenOne() {
        t.simple("GET", "/x", 200, 5);
        t.simple("GET", "/x", 200, 7);
        // Self times: the route frame 1 µs per request (before its phase), handler 5 + 7 µs.
        assertSameJson(SpeedscopeExport.sampled(t.profiler.recent(ProfileQuery.ALL), "two"), """
                {"$schema": "https://www.speedscope.app/file-format-schema.json", "name": "two",
                 "exporter": "spacetime-profiler", "activeProfileIndex": 0,
                 "shared": {"frames": [{"name": "GET /x"}, {"name": "handler"}]},
                 "profiles": [{"type": "sampled", "name": "two", "unit": "microseconds", "startValue": 0,
                   "endValue": 14, "samples": [[0], [0, 1]], "weights": [2, 12]}]}
                """);
    }

    /** Equal as JSON: same structure and strings, numbers equal in value (6 and 6.000 alike). */
    private static void assertSameJson(String actual, String expected) {
        JsonNode a = parse(actual);
        JsonNode e = parse(expected);
        assertThat(a.equals((x, y) -> x.isNumber() && y.isNumber() ? Double.compare(x.asDouble(), y.asDouble())
                : x.equals(y) ? 0 : 1, e)).as(actual).isTrue();
    }

    /** Events sorted by time, open/close balanced like a stack, close at or after open, children inside parents. */
    static void assertWellFormedEvents(JsonNode profile, List<String> frames) {
        Deque<double[]> open = new ArrayDeque<>(); // {frame, at}
        double last = profile.get("startValue").asDouble();
        int opens = 0;
        for (JsonNode e : profile.get("events")) {
            double at = e.get("at").asDouble();
            int frame = e.get("frame").asInt();
            assertThat(frame).isBetween(0, frames.size() - 1);
            assertThat(at).isGreaterThanOrEqualTo(last);
            last = at;
            if (e.get("type").asText().equals("O")) {
                opens++;
                open.push(new double[] {frame, at});
            } else {
                assertThat(open).as("close without open").isNotEmpty();
                double[] top = open.pop();
                assertThat((int) top[0]).as("closes the innermost open frame").isEqualTo(frame);
                assertThat(at).isGreaterThanOrEqualTo(top[1]);
            }
        }
        assertThat(open).as("every frame closed").isEmpty();
        assertThat(opens).isPositive();
        assertThat(last).isLessThanOrEqualTo(profile.get("endValue").asDouble());
    }
}
