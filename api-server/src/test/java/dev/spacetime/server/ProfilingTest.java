package dev.spacetime.server;

import static dev.spacetime.server.SceneClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spacetime.catalog.Labels;
import dev.spacetime.profiler.export.ExportFixtures;
import dev.spacetime.server.auth.Role;
import dev.spacetime.server.http.Phases;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The profiler wired into the real server: requests show up in /debug/profile with the phases their handlers
 * report, filters and settings work, and the flame graph downloads are valid in their formats.
 */
class ProfilingTest {
    private static final String SCENE_BODY = SceneClient.body("res://levels/lobby.tscn");

    private static TestServer server;
    private static SceneClient admin;
    private static SceneClient reader;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(SceneClient.limits(10_000));
        admin = new SceneClient(server);
        var issued = admin.json("POST", "/auth/token", "{\"role\":\"" + Role.READER.label() + "\"}");
        assertThat(issued.statusCode()).isEqualTo(201);
        reader = new SceneClient(server, new JsonObject(issued.body()).getString("token"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** GET /debug/profile with a query string, as the reader; must be 200. */
    private static JsonObject profile(String query) throws Exception {
        return ok(reader.get("/debug/profile" + query));
    }

    /**
     * The recent requests of {@code query}, once one satisfies {@code until}: a profile is stored when its response
     * has ended, which the client may see a moment before.
     */
    private static List<JsonObject> await(String query, Predicate<List<JsonObject>> until) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            List<JsonObject> recent = objects(profile(query).getJsonArray("recent_requests"));
            if (until.test(recent) || Instant.now().isAfter(deadline)) {
                return recent;
            }
            Thread.sleep(20);
        }
    }

    private static List<JsonObject> objects(JsonArray array) {
        List<JsonObject> out = new ArrayList<>();
        array.forEach(o -> out.add((JsonObject) o));
        return out;
    }

    /** Every phase name of a request's phase tree, depth first. */
    private static List<String> phaseNames(JsonObject request) {
        List<String> out = new ArrayList<>();
        collect(request.getJsonArray("phases"), out);
        return out;
    }

    private static void collect(JsonArray phases, List<String> out) {
        for (Object o : phases) {
            JsonObject phase = (JsonObject) o;
            out.add(phase.getString("name"));
            collect(phase.getJsonArray("children"), out);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonObject settings(String json) throws Exception {
        return ok(admin.json("POST", "/debug/profile", json)).getJsonObject("settings");
    }

    private static JsonObject loadScene() throws Exception {
        var loaded = admin.json("POST", "/scene", SCENE_BODY);
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        List<JsonObject> found = await("?endpoint=/scene&method=POST&limit=1", r -> !r.isEmpty());
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void requestsShowUpWithTheirEndpointStatusSizesAndPhases() throws Exception {
        JsonObject load = loadScene();
        assertThat(load.getString("id")).startsWith("req_");
        assertThat(load.getString("method")).isEqualTo("POST");
        assertThat(load.getInteger("status")).isEqualTo(200);
        assertThat(load.getLong("request_bytes")).isEqualTo(SCENE_BODY.length());
        assertThat(load.getLong("response_bytes")).isPositive();
        assertThat(load.getDouble("duration_ms")).isPositive();
        assertThat(Instant.parse(load.getString("start"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(phaseNames(load)).contains(Phases.AUTH, Phases.RATE_LIMIT, Phases.VALIDATION, Phases.FILE_IO,
                Phases.PARSE, Phases.SERIALIZATION);
        assertThat(phaseNames(load).subList(0, 3)).as("check order")
                .containsExactly(Phases.AUTH, Phases.RATE_LIMIT, Phases.VALIDATION);

        assertThat(server.get("/no/such/path").statusCode()).isEqualTo(404);
        List<JsonObject> unmatched = await("?endpoint=" + Labels.UNMATCHED_ENDPOINT, r -> !r.isEmpty());
        assertThat(unmatched).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getInteger("status")).isEqualTo(404);
            assertThat(phaseNames(r)).as("error bodies are timed too").containsExactly(Phases.SERIALIZATION);
        });
        assertThat(profile("").encode()).as("raw paths are never kept").doesNotContain("/no/such/path");

        JsonObject body = profile("?limit=1000");
        assertThat(body.fieldNames()).containsExactly("recent_requests", "slow_requests", "phase_statistics",
                "endpoint_summary", "filters_applied", "totals", "settings");
        JsonObject parse = body.getJsonObject("phase_statistics").getJsonObject(Phases.PARSE);
        assertThat(parse.getLong("count")).isPositive();
        assertThat(parse.fieldNames()).contains("avg_ms", "min_ms", "max_ms", "p50_ms", "p95_ms", "p99_ms", "self");
        assertThat(objects(body.getJsonArray("endpoint_summary")))
                .anySatisfy(e -> {
                    assertThat(e.getString("method")).isEqualTo("POST");
                    assertThat(e.getString("endpoint")).isEqualTo("/scene");
                    assertThat(e.getLong("count")).isPositive();
                });
        assertThat(body.getJsonObject("totals").getLong("recorded")).isGreaterThanOrEqualTo(2);
        assertThat(body.getJsonObject("settings").getBoolean("enabled")).isTrue();

        JsonObject summary = ok(reader.get("/debug/profile/summary?endpoint=/scene"));
        assertThat(summary.fieldNames()).containsExactly("phase_statistics", "endpoint_summary", "slowest_request",
                "filters_applied", "totals", "settings");
        assertThat(summary.getJsonObject("slowest_request").getString("endpoint")).isEqualTo("/scene");
        assertThat(summary.getJsonObject("filters_applied").getString("endpoint")).isEqualTo("/scene");
    }

    @Test
    void everyFilterNarrowsTheRequestsAndBadFiltersAre400() throws Exception {
        loadScene();
        assertThat(admin.json("POST", "/scene", "{}").statusCode()).isEqualTo(400);
        assertThat(ok(reader.get("/health/live")).getString("status")).isEqualTo("alive");
        await("?endpoint=/scene&status=400", r -> !r.isEmpty());
        await("?endpoint=/health/live", r -> !r.isEmpty());

        JsonObject filtered = profile("?endpoint=/scene&method=post&status=200&min_duration_ms=0&limit=5");
        assertThat(filtered.getJsonObject("filters_applied").getMap()).containsEntry("endpoint", "/scene")
                .containsEntry("method", "POST").containsEntry("status", 200).containsEntry("slow_only", false)
                .containsEntry("min_duration_ms", 0.0).containsEntry("limit", 5);
        assertThat(objects(filtered.getJsonArray("recent_requests"))).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getString("endpoint")).isEqualTo("/scene");
            assertThat(r.getString("method")).isEqualTo("POST");
            assertThat(r.getInteger("status")).isEqualTo(200);
        });
        assertThat(objects(profile("?status=400").getJsonArray("recent_requests"))).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getInteger("status")).isEqualTo(400));
        assertThat(objects(profile("?method=GET").getJsonArray("recent_requests"))).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getString("method")).isEqualTo("GET"));
        assertThat(profile("?limit=2").getJsonArray("recent_requests")).hasSize(2);

        List<JsonObject> all = objects(profile("?limit=1000").getJsonArray("recent_requests"));
        double longest = all.stream().mapToDouble(r -> r.getDouble("duration_ms")).max().orElseThrow();
        // Reported durations are rounded to the microsecond, the filter compares exact ones.
        double threshold = longest - 0.0005;
        List<JsonObject> longOnes = objects(profile("?limit=1000&min_duration_ms=" + threshold)
                .getJsonArray("recent_requests"));
        assertThat(longOnes).isNotEmpty().hasSizeLessThan(all.size())
                .allSatisfy(r -> assertThat(r.getDouble("duration_ms")).isGreaterThanOrEqualTo(threshold - 0.0005));
        assertThat(profile("?slow_only=true").getJsonArray("recent_requests"))
                .allSatisfy(r -> assertThat(((JsonObject) r).getBoolean("slow")).isTrue());
        assertThat(profile("?endpoint=/never/declared").getJsonArray("recent_requests")).isEmpty();

        for (String bad : List.of("status=abc", "status=99", "limit=0", "limit=x", "slow_only=maybe",
                "min_duration_ms=-1", "min_duration_ms=soon", "method=GET&method=POST")) {
            for (String route : List.of("/debug/profile", "/debug/profile/summary", "/debug/profile/flamegraph")) {
                var response = reader.get(route + "?" + bad);
                assertThat(response.statusCode()).as(route + "?" + bad).isEqualTo(400);
                assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("bad_request");
                assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
            }
        }
    }

    @Test
    void settingsChangeWhatIsRecordedAndNeedAnAdmin() throws Exception {
        JsonObject before = profile("").getJsonObject("settings");
        assertThat(before.getDouble("sample_rate")).isEqualTo(1.0);
        try {
            // Sample rate 0: nothing is recorded (the endpoint filter ignores this POST's own profile). A threshold
            // no request reaches, so the slow flags below depend on the settings alone.
            JsonObject none = settings("{\"sample_rate\": 0, \"slow_threshold_ms\": 100000}");
            assertThat(none.getDouble("sample_rate")).isEqualTo(0.0);
            assertThat(ok(admin.json("POST", "/debug/profile/clear", null)).getBoolean("cleared")).isTrue();
            for (int i = 0; i < 5; i++) {
                ok(reader.get("/health/live"));
            }
            assertThat(profile("?endpoint=/health/live").getJsonArray("recent_requests")).isEmpty();
            settings("{\"sample_rate\": 1}");
            ok(reader.get("/health/live"));
            assertThat(await("?endpoint=/health/live", r -> !r.isEmpty())).hasSize(1);

            // The slow threshold decides the slow flag of the requests finishing afterwards.
            assertThat(settings("{\"slow_threshold_ms\": 0}").getDouble("slow_threshold_ms")).isZero();
            ok(reader.get("/health/live"));
            List<JsonObject> live = await("?endpoint=/health/live", r -> r.size() == 2);
            assertThat(live.get(0).getBoolean("slow")).isTrue();
            assertThat(live.get(1).getBoolean("slow")).isFalse();
            assertThat(objects(profile("?endpoint=/health/live").getJsonArray("slow_requests")))
                    .extracting(r -> r.getString("id")).containsExactly(live.get(0).getString("id"));
            settings("{\"slow_threshold_ms\": 100000.5}");
            ok(reader.get("/health/live"));
            assertThat(await("?endpoint=/health/live", r -> r.size() == 3).get(0).getBoolean("slow")).isFalse();

            JsonObject small = settings("{\"capacity\": 2, \"enabled\": true}");
            assertThat(small.getInteger("capacity")).isEqualTo(2);
            assertThat(profile("?limit=100").getJsonArray("recent_requests").size()).isLessThanOrEqualTo(2);
            assertThat(settings("{\"enabled\": false}").getBoolean("enabled")).isFalse();
            ok(admin.json("POST", "/debug/profile/clear", null));
            ok(reader.get("/health/live"));
            assertThat(profile("?endpoint=/health/live").getJsonArray("recent_requests")).isEmpty();
        } finally {
            settings(before.encode());
        }

        JsonObject current = profile("").getJsonObject("settings");
        for (String bad : List.of("{\"sample_rate\": 2}", "{\"sample_rate\": \"all\"}", "{\"capacity\": 0}",
                "{\"capacity\": 1.5}", "{\"enabled\": \"yes\"}", "{\"slow_threshold_ms\": -1}",
                "{\"enabled\": false, \"sampling\": 1}", "{\"capacity\": 10, \"sample_rate\": -0.1}", "[1]")) {
            var response = admin.json("POST", "/debug/profile", bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("bad_request");
        }
        assertThat(profile("").getJsonObject("settings")).as("nothing changed").isEqualTo(current);

        for (String route : List.of("/debug/profile", "/debug/profile/clear")) {
            assertThat(reader.json("POST", route, "{\"enabled\": false}").statusCode()).isEqualTo(403);
            assertThat(server.send("POST", route, "{\"enabled\": false}", "Content-Type", "application/json")
                    .statusCode()).isEqualTo(401);
        }
        assertThat(profile("").getJsonObject("settings")).isEqualTo(current);
    }

    @Test
    void clearDropsEveryKeptProfile() throws Exception {
        ok(reader.get("/health/live"));
        await("?endpoint=/health/live", r -> !r.isEmpty());
        JsonObject cleared = ok(admin.json("POST", "/debug/profile/clear", null));
        assertThat(cleared.getJsonObject("totals").getLong("kept_recent")).isLessThanOrEqualTo(1);
        assertThat(profile("?endpoint=/health/live").getJsonArray("recent_requests")).isEmpty();
    }

    @Test
    void flameGraphsDownloadInEachFormat() throws Exception {
        String id = loadScene().getString("id");

        var speedscope = reader.get("/debug/profile/flamegraph?request_id=" + id);
        assertThat(speedscope.statusCode()).isEqualTo(200);
        assertThat(speedscope.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"" + id + ".speedscope.json\"");
        assertThat(ExportFixtures.speedscopeErrors(speedscope.body())).isEmpty();
        JsonNode file = ExportFixtures.parse(speedscope.body());
        assertThat(file.get("profiles")).hasSize(1);
        assertThat(file.get("profiles").get(0).get("type").asText()).isEqualTo("evented");
        List<String> frames = new ArrayList<>();
        file.get("shared").get("frames").forEach(f -> frames.add(f.get("name").asText()));
        assertThat(frames).contains("POST /scene", Phases.FILE_IO, Phases.PARSE);

        var slowest = reader.get("/debug/profile/flamegraph");
        assertThat(slowest.statusCode()).isEqualTo(200);
        assertThat(ExportFixtures.speedscopeErrors(slowest.body())).isEmpty();
        assertThat(slowest.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"req_\\d+\\.speedscope\\.json\"");

        for (String query : List.of("request_id=all", "endpoint=/scene", "request_id=all&method=POST&limit=3")) {
            var aggregate = reader.get("/debug/profile/flamegraph?" + query);
            assertThat(aggregate.statusCode()).as(query).isEqualTo(200);
            assertThat(ExportFixtures.speedscopeErrors(aggregate.body())).as(query).isEmpty();
            assertThat(ExportFixtures.parse(aggregate.body()).get("profiles").get(0).get("type").asText())
                    .isEqualTo("sampled");
        }
        assertThat(reader.get("/debug/profile/flamegraph?endpoint=/scene").headers()
                .firstValue("Content-Disposition")).contains("attachment; filename=\"profiles_scene.speedscope.json\"");

        var chrome = reader.get("/debug/profile/flamegraph?format=chrome&request_id=all");
        assertThat(chrome.statusCode()).isEqualTo(200);
        assertThat(chrome.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(chrome.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"profiles_all.trace.json\"");
        JsonNode trace = ExportFixtures.parse(chrome.body());
        ExportFixtures.assertWellNested(trace);
        assertThat(chrome.body()).doesNotContain("req_");
        assertThat(ExportFixtures.events(trace, "X")).extracting(e -> e.get("name").asText())
                .contains("POST /scene", Phases.AUTH, Phases.PARSE);

        var folded = reader.get("/debug/profile/flamegraph?format=folded&request_id=" + id);
        assertThat(folded.statusCode()).isEqualTo(200);
        assertThat(folded.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(folded.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"" + id + ".folded.txt\"");
        assertThat(folded.body().lines().toList()).isNotEmpty().allSatisfy(line -> {
            assertThat(line).matches("POST /scene(;[a-z_]+)* \\d+");
        });
        assertThat(folded.body()).contains("POST /scene;" + Phases.AUTH + " ");

        for (String query : List.of("request_id=req_999999999", "request_id=nonsense",
                "request_id=" + encode("req_1'\"<x>"), "endpoint=/never/declared")) {
            var missing = reader.get("/debug/profile/flamegraph?" + query);
            assertThat(missing.statusCode()).as(query).isEqualTo(404);
            assertThat(new JsonObject(missing.body()).getString("error")).isEqualTo("not_found");
        }
        var badFormat = reader.get("/debug/profile/flamegraph?format=svg");
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badFormat.body()).getString("message")).contains("speedscope, chrome, folded");
        for (String route : List.of("/debug/profile", "/debug/profile/summary", "/debug/profile/flamegraph")) {
            HttpResponse<String> anonymous = server.get(route);
            assertThat(anonymous.statusCode()).as(route).isEqualTo(401);
        }
    }
}
