package dev.spacetime.client.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spacetime.client.http.ApiClient;
import dev.spacetime.profiler.Phase;
import dev.spacetime.profiler.RequestProfile;
import dev.spacetime.profiler.export.FlameFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same request in the three formats: GET /scene (10 ms) with auth (1 ms) and file_io (8 ms) holding parse
 * (5 ms). Self times: root 1 ms, auth 1, file_io 3, parse 5.
 */
class FlameStacksTest {
    private static final Map<List<String>, Double> EXPECTED = Map.of(
            List.of("GET /scene"), 1.0,
            List.of("GET /scene", "auth"), 1.0,
            List.of("GET /scene", "file_io"), 3.0,
            List.of("GET /scene", "file_io", "parse"), 5.0);

    private static JsonNode json(String text) throws Exception {
        return ApiClient.JSON.readTree(text.replace('\'', '"'));
    }

    private static void assertExpected(FlameStacks stacks) {
        assertThat(stacks.selfMs().keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        EXPECTED.forEach((stack, ms) -> assertThat(stacks.selfMs().get(stack)).as(stack.toString())
                .isCloseTo(ms, within(1e-9)));
        assertThat(stacks.totalMs()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void folded() {
        assertExpected(FlameStacks.fromFolded("""
                GET /scene 1000
                GET /scene;auth 1000
                GET /scene;file_io 3000
                GET /scene;file_io;parse 5000
                """));
    }

    @Test
    void speedscopeEvented() throws Exception {
        assertExpected(FlameStacks.fromSpeedscope(json("""
                {'shared': {'frames': [{'name': 'GET /scene'}, {'name': 'auth'}, {'name': 'file_io'},
                                       {'name': 'parse'}]},
                 'profiles': [{'type': 'evented', 'name': 'req_1', 'unit': 'microseconds',
                               'startValue': 0, 'endValue': 10000, 'events': [
                   {'type': 'O', 'frame': 0, 'at': 0}, {'type': 'O', 'frame': 1, 'at': 0},
                   {'type': 'C', 'frame': 1, 'at': 1000}, {'type': 'O', 'frame': 2, 'at': 1500},
                   {'type': 'O', 'frame': 3, 'at': 3000}, {'type': 'C', 'frame': 3, 'at': 8000},
                   {'type': 'C', 'frame': 2, 'at': 9500}, {'type': 'C', 'frame': 0, 'at': 10000}]}]}
                """)));
    }

    @Test
    void speedscopeSampledInMilliseconds() throws Exception {
        assertExpected(FlameStacks.fromSpeedscope(json("""
                {'shared': {'frames': [{'name': 'GET /scene'}, {'name': 'auth'}, {'name': 'file_io'},
                                       {'name': 'parse'}]},
                 'profiles': [{'type': 'sampled', 'name': 'all', 'unit': 'milliseconds', 'startValue': 0,
                               'endValue': 10, 'samples': [[0], [0, 1], [0, 2], [0, 2, 3]],
                               'weights': [1, 1, 3, 5]}]}
                """)));
    }

    @Test
    void chromeTraceNestsCompleteEventsByTime() throws Exception {
        assertExpected(FlameStacks.fromChrome(json("""
                {'traceEvents': [
                  {'name': 'process_name', 'ph': 'M', 'pid': 1, 'tid': 0, 'args': {'name': 'api'}},
                  {'name': 'GET /scene', 'ph': 'X', 'ts': 0, 'dur': 10000, 'pid': 1, 'tid': 1},
                  {'name': 'auth', 'ph': 'X', 'ts': 0, 'dur': 1000, 'pid': 1, 'tid': 1},
                  {'name': 'file_io', 'ph': 'X', 'ts': 1500, 'dur': 8000, 'pid': 1, 'tid': 1},
                  {'name': 'parse', 'ph': 'X', 'ts': 3000, 'dur': 5000, 'pid': 1, 'tid': 1}],
                 'displayTimeUnit': 'ms'}
                """)));
    }

    /** The profiler's own exports of the same requests, in every format, reduce to the same stacks. */
    @Test
    void theProfilersExportsInEveryFormat() throws Exception {
        long ms = 1_000_000;
        RequestProfile scene = new RequestProfile(1, "GET", "/scene", 200, 0, 10, 0, 0, 10 * ms, false, List.of(
                new Phase("auth", Phase.ROOT, 0, 0, ms),
                new Phase("file_io", Phase.ROOT, 0, 3 * ms / 2, 8 * ms),
                new Phase("parse", 1, 1, 3 * ms, 5 * ms)), null);
        // Overlaps the first in time: Chrome puts it on another lane.
        RequestProfile health = new RequestProfile(2, "GET", "/health", 200, 0, 10, 2, 2 * ms, 4 * ms, false,
                List.of(new Phase("serialization", Phase.ROOT, 0, ms, 2 * ms)), null);
        List<RequestProfile> both = List.of(scene, health);
        Map<List<String>, Double> expected = new java.util.HashMap<>(EXPECTED);
        expected.put(List.of("GET /health"), 2.0);
        expected.put(List.of("GET /health", "serialization"), 2.0);
        for (FlameFormat format : FlameFormat.values()) {
            for (boolean aggregate : new boolean[] {false, true}) {
                String file = format.render(both, aggregate, "all");
                FlameStacks stacks = switch (format) {
                    case SPEEDSCOPE -> FlameStacks.fromSpeedscope(ApiClient.JSON.readTree(file));
                    case CHROME -> FlameStacks.fromChrome(ApiClient.JSON.readTree(file));
                    case FOLDED -> FlameStacks.fromFolded(file);
                };
                String what = format + (aggregate ? " aggregated" : "");
                assertThat(stacks.selfMs().keySet()).as(what).containsExactlyInAnyOrderElementsOf(expected.keySet());
                expected.forEach((stack, self) -> assertThat(stacks.selfMs().get(stack)).as(what + " " + stack)
                        .isCloseTo(self, within(1e-9)));
            }
        }
    }

    @Test
    void malformedFilesAreRejected() {
        assertThatThrownBy(() -> FlameStacks.fromFolded("GET /scene;auth\n"))
                .hasMessage("folded line 1 has no integer weight");
        assertThatThrownBy(() -> FlameStacks.fromFolded("a 1\nauth\n")).hasMessage("folded line 2 has no weight");
        assertThatThrownBy(() -> FlameStacks.fromSpeedscope(json("{'profiles': []}")))
                .hasMessageContaining("not a speedscope file");
        assertThatThrownBy(() -> FlameStacks.fromSpeedscope(json("""
                {'shared': {'frames': [{'name': 'a'}, {'name': 'b'}]}, 'profiles': [{'type': 'evented',
                 'unit': 'none', 'startValue': 0, 'events': [{'type': 'O', 'frame': 0, 'at': 0},
                 {'type': 'C', 'frame': 1, 'at': 1}]}]}
                """))).hasMessageContaining("does not match");
        assertThatThrownBy(() -> FlameStacks.fromChrome(json("{'x': 1}"))).hasMessageContaining("not a Chrome trace");
    }

    @Test
    void textViewDrawsInclusiveTimeTopDownHeaviestFirst() {
        List<String> lines = FlameView.render(FlameStacks.fromFolded("""
                GET /scene 1000
                GET /scene;auth 1000
                GET /scene;file_io 3000
                GET /scene;file_io;parse 5000
                GET /tiny 10
                """));
        assertThat(lines).hasSize(4).as("under 1 %% of the time is left out").noneMatch(l -> l.contains("/tiny"));
        assertThat(lines.get(0)).startsWith("GET /scene").contains("#".repeat(30)).contains("99.9 %")
                .contains("10.000 ms");
        assertThat(lines.get(1)).startsWith("  file_io").contains("#".repeat(24) + " ").contains("8.000 ms");
        assertThat(lines.get(2)).startsWith("    parse").contains("5.000 ms");
        assertThat(lines.get(3)).startsWith("  auth").contains("#".repeat(3) + " ").contains("1.000 ms");
        assertThat(FlameView.render(FlameStacks.fromFolded(""))).containsExactly("(no time recorded)");
    }

    @Test
    void downloadNamesAreReducedToSafeCharacters() {
        assertThat(FlamegraphCommand.fileName("attachment; filename=\"req_12.speedscope.json\"",
                FlameFormat.SPEEDSCOPE)).isEqualTo("req_12.speedscope.json");
        assertThat(FlamegraphCommand.fileName("attachment; filename=\"../../etc/passwd\"",
                FlameFormat.FOLDED)).isEqualTo("passwd");
        assertThat(FlamegraphCommand.fileName("attachment; filename=\"..\"", FlameFormat.CHROME))
                .isEqualTo("profile.trace.json");
        assertThat(FlamegraphCommand.fileName("", FlameFormat.FOLDED)).isEqualTo("profile.folded.txt");
    }
}
