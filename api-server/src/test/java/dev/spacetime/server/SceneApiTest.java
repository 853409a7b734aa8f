package dev.spacetime.server;

import static dev.spacetime.server.SceneClient.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spacetime.catalog.Metrics;
import dev.spacetime.profiler.ProfileRecorder;
import dev.spacetime.server.http.Phases;
import dev.spacetime.server.http.RequestTrace;
import dev.spacetime.server.http.RequestTracer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every scene route against the demo project, the metrics and health they move, and the phases they report. */
class SceneApiTest {

    private static TestServer server;
    private static SceneClient admin;
    /** Phase names per request path of POST/PUT /scene requests, in the order they started. */
    private static final Map<String, List<String>> PHASES = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        RequestTracer tracer = (method, path, startNanos) -> {
            List<String> phases = new CopyOnWriteArrayList<>();
            PHASES.put(method + " " + path, phases);
            return new RequestTrace() {
                @Override
                public ProfileRecorder.Scope phase(String name) {
                    phases.add(name);
                    return ProfileRecorder.Scope.NONE;
                }

                @Override
                public void finish(dev.spacetime.server.http.RequestOutcome outcome) {
                }
            };
        };
        server = TestServer.start(SceneClient.limits(10_000), tracer);
        admin = new SceneClient(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theMainSceneIsCurrentFromTheStart() throws Exception {
        var history = ok(admin.get("/scene/history")).getJsonArray("history");
        JsonObject first = history.getJsonObject(history.size() - 1);
        assertThat(first.getString("path")).isEqualTo("res://main.tscn");
        assertThat(first.getBoolean("success")).isTrue();
    }

    @Test
    void loadMakesCurrentAndGetShowsIt() throws Exception {
        JsonObject loaded = ok(admin.load("res://levels//lobby.tscn"));
        assertThat(loaded.getString("path")).as("canonical").isEqualTo("res://levels/lobby.tscn");
        assertThat(loaded.getInteger("node_count")).isPositive();
        assertThat(loaded.getDouble("load_duration_ms")).isPositive();
        JsonObject current = ok(admin.get("/scene"));
        assertThat(current.getString("path")).isEqualTo("res://levels/lobby.tscn");
        assertThat(current.fieldNames()).contains("path", "root", "node_count", "loaded_at", "load_duration_ms");
        assertThat(current.getString("root")).isEqualTo(loaded.getString("root"));
        assertThat(current.getString("loaded_at")).isEqualTo(loaded.getString("loaded_at"));
    }

    @Test
    void validateReportsWithoutLoading() throws Exception {
        Files.writeString(server.server.modules().projectRoot().resolve("broken.tscn"),
                "[gd_scene format=3]\n[node name=\"A\" type=\"Node\"]\nposition = Vector3(1, 2\n");
        String before = ok(admin.get("/scene")).getString("loaded_at");
        int historyBefore = ok(admin.get("/scene/history")).getInteger("count");

        JsonObject valid = ok(admin.validate("res://ui/menu.tscn"));
        assertThat(valid.getBoolean("valid")).isTrue();
        assertThat(valid.getJsonArray("errors")).isEmpty();
        assertThat(valid.getJsonArray("warnings")).isNotNull();
        JsonObject info = valid.getJsonObject("scene_info");
        assertThat(info.fieldNames()).containsExactlyInAnyOrder("node_count", "root_type", "root_name");
        assertThat(info.getInteger("node_count")).isPositive();
        assertThat(info.getString("root_type")).isEqualTo("Control");

        JsonObject broken = ok(admin.validate("res://broken.tscn"));
        assertThat(broken.getBoolean("valid")).isFalse();
        assertThat(broken.getJsonArray("errors").getString(0)).startsWith("res://broken.tscn line ");
        assertThat(broken.getValue("scene_info")).isNull();

        assertThat(ok(admin.get("/scene")).getString("loaded_at")).as("nothing loaded").isEqualTo(before);
        assertThat(ok(admin.get("/scene/history")).getInteger("count")).isEqualTo(historyBefore);
    }

    @Test
    void reloadReadsTheCurrentSceneAgain() throws Exception {
        ok(admin.load("res://props/crate.tscn"));
        JsonObject reloaded = ok(admin.json("POST", "/scene/reload", null));
        assertThat(reloaded.getString("path")).isEqualTo("res://props/crate.tscn");
        assertThat(ok(admin.get("/scene/history")).getJsonArray("history").getJsonObject(0).getString("path"))
                .isEqualTo("res://props/crate.tscn");
    }

    @Test
    void historyKeepsTheLastTenNewestFirst() throws Exception {
        List<String> scenes = List.of("res://main.tscn", "res://levels/lobby.tscn", "res://ui/menu.tscn",
                "res://props/crate.tscn", "res://props/beacon.tscn");
        List<String> loaded = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String path = scenes.get(i % scenes.size());
            ok(admin.load(path));
            loaded.add(0, path);
        }
        JsonObject body = ok(admin.get("/scene/history"));
        JsonArray history = body.getJsonArray("history");
        assertThat(history).hasSize(10);
        assertThat(body.getInteger("count")).isEqualTo(10);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            JsonObject entry = history.getJsonObject(i);
            paths.add(entry.getString("path"));
            assertThat(entry.getDouble("load_duration_ms")).isPositive();
            assertThat(entry.getBoolean("success")).isTrue();
            if (i > 0) {
                assertThat(Instant.parse(entry.getString("loaded_at")))
                        .isBeforeOrEqualTo(Instant.parse(history.getJsonObject(i - 1).getString("loaded_at")));
            }
        }
        assertThat(paths).isEqualTo(loaded.subList(0, 10));
    }

    @Test
    void listsScenesByDirectoryWithAddonsOnRequest() throws Exception {
        JsonObject all = ok(admin.get("/scenes"));
        assertThat(all.getString("dir")).isEqualTo("res://");
        assertThat(all.getBoolean("include_addons")).isFalse();
        assertThat(all.getJsonArray("scenes").getList()).contains("res://main.tscn", "res://levels/lobby.tscn",
                "res://props/crate.tscn").noneMatch(s -> s.toString().startsWith("res://addons/"));
        assertThat(ok(admin.get("/scenes?include_addons=true")).getJsonArray("scenes").getList())
                .contains("res://addons/demo_tool/tool_panel.tscn");
        assertThat(ok(admin.get("/scenes?dir=res://props")).getJsonArray("scenes").getList())
                .containsExactly("res://props/beacon.tscn", "res://props/crate.tscn");
        assertThat(admin.get("/scenes?include_addons=yes").statusCode()).isEqualTo(400);
        assertThat(admin.get("/scenes?dir=res://nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void dumpGivesTheTreeWithGlobalPositions() throws Exception {
        ok(admin.load("res://main.tscn"));
        JsonObject dump = ok(admin.get("/scene/dump"));
        assertThat(dump.getString("path")).isEqualTo("res://main.tscn");
        JsonObject root = dump.getJsonObject("root");
        assertThat(root.getString("name")).isEqualTo("Main");
        assertThat(root.getString("path")).isEqualTo("/root/Main");
        JsonObject origin = child(root, "XROrigin3D");
        assertThat(origin.getString("type")).isEqualTo("XROrigin3D");
        JsonObject left = child(origin, "LeftHand");
        // Origin at z = 2, the hand at (-0.25, 1.2, -0.4) inside it.
        JsonArray p = left.getJsonArray("global_position");
        assertThat(p.getDouble(0)).isCloseTo(-0.25, within(1e-6));
        assertThat(p.getDouble(1)).isCloseTo(1.2, within(1e-6));
        assertThat(p.getDouble(2)).isCloseTo(1.6, within(1e-6));
        assertThat(left.getString("path")).isEqualTo("/root/Main/XROrigin3D/LeftHand");
        assertThat(child(root, "WorldEnvironment").containsKey("global_position")).as("not spatial").isFalse();
    }

    private static JsonObject child(JsonObject node, String name) {
        JsonArray children = node.getJsonArray("children");
        for (int i = 0; i < children.size(); i++) {
            if (children.getJsonObject(i).getString("name").equals(name)) {
                return children.getJsonObject(i);
            }
        }
        throw new AssertionError("no child " + name + " in " + node.getString("path"));
    }

    @Test
    void readersMayReadButNotChange() throws Exception {
        var issued = admin.json("POST", "/auth/token", "{\"role\":\"reader\"}");
        assertThat(issued.statusCode()).isEqualTo(201);
        SceneClient reader = new SceneClient(server, new JsonObject(issued.body()).getString("token"));
        for (String path : List.of("/scene", "/scene/history", "/scenes", "/scene/dump")) {
            assertThat(reader.get(path).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(reader.load("res://main.tscn").statusCode()).isEqualTo(403);
        assertThat(reader.validate("res://main.tscn").statusCode()).isEqualTo(403);
        assertThat(reader.json("POST", "/scene/reload", null).statusCode()).isEqualTo(403);
        for (String path : List.of("/scene", "/scene/history", "/scenes", "/scene/dump")) {
            assertThat(server.get(path).statusCode()).as("no token: " + path).isEqualTo(401);
        }
    }

    @Test
    void loadsAndFailuresMoveTheSceneMetrics() throws Exception {
        String before = server.metrics();
        ok(admin.load("res://ui/menu.tscn"));
        assertThat(admin.load("res://missing.tscn").statusCode()).isEqualTo(404);
        assertThat(admin.load("res://addons/demo_tool/tool_panel.tscn").statusCode()).isEqualTo(403);
        String after = server.metrics();
        assertThat(delta(before, after, Metrics.SCENE_LOADS.name())).isEqualTo(1);
        assertThat(delta(before, after, Metrics.SCENE_LOAD_DURATION.name() + "_count")).isEqualTo(1);
        assertThat(delta(before, after, Metrics.SCENE_LOAD_DURATION.name() + "_sum")).isPositive();
        assertThat(delta(before, after, "scene_load_errors_total{error_type=\"not_found\"}")).isEqualTo(1);
        assertThat(delta(before, after, "scene_load_errors_total{error_type=\"forbidden\"}")).isEqualTo(1);
        assertThat(delta(before, after, "scene_load_errors_total{error_type=\"parse_error\"}")).isZero();
    }

    static double delta(String before, String after, String series) {
        double a = TestServer.sample(after, series);
        double b = TestServer.sample(before, series);
        assertThat(a).as(series).isNotNaN();
        assertThat(b).as(series).isNotNaN();
        return a - b;
    }

    @Test
    void engineRunsAndHealthShowsMeasuredFps() throws Exception {
        JsonObject subsystems = new JsonObject(server.get("/health").body()).getJsonObject("subsystems");
        assertThat(subsystems.getJsonObject("scene_loader").getString("status")).isIn("healthy", "degraded");
        assertThat(subsystems.getJsonObject("scene_loader").getJsonObject("details").getBoolean("main_scene_loadable"))
                .isTrue();
        JsonObject engine = subsystems.getJsonObject("engine");
        assertThat(engine.getJsonObject("details").getBoolean("running")).isTrue();
        assertThat(engine.getJsonObject("details").getDouble("fps_floor")).isEqualTo(60);

        // Measured, not configured: wait (generously) until the loop has a rate, without bounding it.
        double fps = 0;
        for (int i = 0; i < 300 && fps <= 0; i++) {
            Object value = new JsonObject(server.get("/health/quick").body()).getValue("fps");
            fps = value instanceof Number n ? n.doubleValue() : 0;
            if (fps <= 0) {
                Thread.sleep(100);
            }
        }
        assertThat(fps).isPositive();
        String metrics = server.metrics();
        assertThat(TestServer.sample(metrics, Metrics.ENGINE_FPS.name())).isPositive();
        assertThat(TestServer.sample(metrics, Metrics.ENGINE_FRAME_TIME.name() + "_count")).isPositive();
    }

    @Test
    void loadsReportRealPhasesInOrder() throws Exception {
        ok(admin.load("res://main.tscn"));
        List<String> phases = PHASES.get("POST /scene");
        assertThat(phases).startsWith(Phases.AUTH, Phases.RATE_LIMIT, Phases.VALIDATION, Phases.VALIDATION,
                Phases.FILE_IO, Phases.PARSE, Phases.INSTANTIATION);
        assertThat(phases).endsWith(Phases.SERIALIZATION);
        // main.tscn instances the crate and the beacon: their reads and parses nest in its instantiation.
        assertThat(phases.stream().filter(Phases.FILE_IO::equals).count()).isGreaterThan(1);

        ok(admin.get("/scenes"));
        assertThat(PHASES.get("GET /scenes")).containsSubsequence(Phases.VALIDATION, Phases.FILE_IO,
                Phases.SERIALIZATION);
    }
}
