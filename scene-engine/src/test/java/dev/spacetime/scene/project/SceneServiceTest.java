package dev.spacetime.scene.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spacetime.catalog.HealthState;
import dev.spacetime.catalog.SceneErrorType;
import dev.spacetime.scene.SceneException;
import dev.spacetime.scene.parse.ParseLimits;
import dev.spacetime.scene.path.PathPolicy;
import dev.spacetime.scene.path.TraversalTest;
import dev.spacetime.scene.tree.SceneNode;
import dev.spacetime.scene.tree.Vec3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service over the materialised demo project: the same file-based path the server uses. */
class SceneServiceTest {
    @TempDir
    Path base;
    private Path project;
    private SceneService service;

    @BeforeEach
    void setUp() throws IOException {
        project = DemoProject.materialise(base.resolve("project"));
        service = new SceneService(SceneConfig.builder(project).build());
    }

    private static void assertPos(SceneNode n, double x, double y, double z) {
        Vec3 p = n.globalPosition3D().orElseThrow();
        assertThat(p.x()).as(n.path()).isCloseTo(x, within(1e-5));
        assertThat(p.y()).as(n.path()).isCloseTo(y, within(1e-5));
        assertThat(p.z()).as(n.path()).isCloseTo(z, within(1e-5));
    }

    private static SceneException failure(ThrowingCall call) {
        try {
            call.run();
        } catch (SceneException e) {
            return e;
        }
        throw new AssertionError("expected a SceneException");
    }

    private static SceneErrorType errorOf(ThrowingCall call) {
        return failure(call).error().type();
    }

    /** A valid scene outside the project whose root name is unique, linked into the project by a symlink. */
    private String plantCanary() throws IOException {
        String canary = "CANARY-" + UUID.randomUUID();
        Files.writeString(base.resolve("secret.tscn"), "[gd_scene format=3]\n[node name=\"" + canary
                + "\" type=\"Node\"]\n");
        Files.createSymbolicLink(project.resolve("link.tscn"), base.resolve("secret.tscn"));
        return canary;
    }

    interface ThrowingCall {
        void run() throws SceneException;
    }

    @Test
    void loadsTheVrMainSceneWithGlobalPositions() throws SceneException {
        LoadedScene scene = service.load("res://main.tscn");

        assertThat(scene.path()).isEqualTo("res://main.tscn");
        assertThat(scene.rootName()).isEqualTo("Main");
        assertThat(scene.rootType()).isEqualTo("Node3D");
        assertThat(scene.loadDurationMs()).isPositive();
        // 13 own nodes + 2 crates x 4 + beacon (itself, light, a crate of 4) = 13 + 8 + 6
        assertThat(scene.nodeCount()).isEqualTo(27);
        var tree = scene.tree();
        assertThat(tree.find("/root/Main/XROrigin3D/XRCamera3D").orElseThrow().type()).contains("XRCamera3D");
        assertPos(tree.find("/root/Main/XROrigin3D/XRCamera3D").orElseThrow(), 0, 1.7, 2);
        assertPos(tree.find("/root/Main/XROrigin3D/LeftHand").orElseThrow(), -0.25, 1.2, 1.6);
        assertPos(tree.find("/root/Main/XROrigin3D/RightHand/Mesh").orElseThrow(), 0.25, 1.2, 1.6);
        // Props: rotated +90 deg about Y at (3,0,0). Crate (1,0.5,0) -> (0,0.5,-1) -> (3,0.5,-1).
        assertPos(tree.find("/root/Main/Props/Crate").orElseThrow(), 3, 0.5, -1);
        // Its label (0.3,0.4,0) in the crate's (rotated) space -> (0,0.4,-0.3).
        assertPos(tree.find("/root/Main/Props/Crate/Label").orElseThrow(), 3, 0.9, -1.3);
        // Crate2 (-1,0.5,2) -> (2,0.5,1) -> (5,0.5,1).
        assertPos(tree.find("/root/Main/Props/Crate2").orElseThrow(), 5, 0.5, 1);
        assertPos(tree.find("/root/Main/Beacon/Light").orElseThrow(), 0, 2, -5);

        assertThat(service.current()).contains(scene);
        Map<String, Object> dump = scene.dump();
        assertThat(dump).containsEntry("name", "Main").containsEntry("path", "/root/Main");
        assertThat((List<?>) dump.get("children")).hasSize(6);
    }

    @Test
    void historyKeepsTheLastTenNewestFirst() throws SceneException {
        service.load("res://main.tscn");
        assertThat(errorOf(() -> service.load("res://../x.tscn"))).isEqualTo(SceneErrorType.INVALID_PATH);
        for (int i = 0; i < 10; i++) {
            service.load("res://levels/lobby.tscn");
        }
        service.load("res://ui//menu.tscn");
        List<LoadRecord> history = service.history();
        assertThat(history).hasSize(10);
        assertThat(history.get(0).path()).isEqualTo("res://ui/menu.tscn");
        assertThat(history.get(0).outcome()).isEqualTo("success");
        assertThat(history.get(0).loadDurationMs()).isPositive();
        assertThat(history.subList(1, 10)).allSatisfy(r -> assertThat(r.path()).isEqualTo("res://levels/lobby.tscn"));

        assertThat(errorOf(() -> service.load("res://nope.tscn"))).isEqualTo(SceneErrorType.NOT_FOUND);
        assertThat(service.lastLoad().orElseThrow().outcome()).isEqualTo("not_found");
        assertThat(service.current().orElseThrow().path()).as("a failed load keeps the current scene")
                .isEqualTo("res://ui/menu.tscn");
    }

    @Test
    void validatesWithoutLoading() throws Exception {
        ValidationReport ok = service.validate("res://levels/lobby.tscn");
        assertThat(ok.valid()).isTrue();
        assertThat(ok.errors()).isEmpty();
        // 6 own nodes + the beacon (itself, its light, a crate of 4); the Light override adds no node.
        assertThat(ok.sceneInfo()).contains(new SceneInfo(12, "Node3D", "Lobby"));
        assertThat(service.current()).isEmpty();
        assertThat(service.history()).isEmpty();

        Files.writeString(project.resolve("broken.tscn"), "[gd_scene format=3]\n[node name=\"A\" type=\"Node\"]\nx = (\n");
        ValidationReport broken = service.validate("res://broken.tscn");
        assertThat(broken.valid()).isFalse();
        assertThat(broken.errors()).singleElement().asString().contains("line 3, column 5");
        assertThat(broken.sceneInfo()).isEmpty();

        Files.writeString(project.resolve("warn.tscn"), """
                [gd_scene format=3]
                [ext_resource type="Script" path="res://missing.gd" id="1"]
                [node name="A" type="Node"]
                script = ExtResource("1")
                [connection signal="s" from="Ghost" to="." method="m"]
                """);
        ValidationReport warn = service.validate("res://warn.tscn");
        assertThat(warn.valid()).isTrue();
        assertThat(warn.warnings()).hasSize(2).anySatisfy(w -> assertThat(w).contains("res://missing.gd"))
                .anySatisfy(w -> assertThat(w).contains("'Ghost'"));

        assertThat(errorOf(() -> service.validate("res://addons/demo_tool/tool_panel.tscn")))
                .isEqualTo(SceneErrorType.FORBIDDEN);
        assertThat(errorOf(() -> service.validate("res://none.tscn"))).isEqualTo(SceneErrorType.NOT_FOUND);
    }

    @Test
    void parseErrorsAndSizeLimitsAreTyped() throws Exception {
        Files.writeString(project.resolve("bad.tscn"), "[gd_scene format=3]\n[node name=\"A\" type=\"Node\"]\nx = @\n");
        SceneException parse = failure(() -> service.load("res://bad.tscn"));
        assertThat(parse.error().type()).isEqualTo(SceneErrorType.PARSE_ERROR);
        assertThat(parse.error().line()).isEqualTo(3);
        assertThat(parse.error().column()).isEqualTo(5);
        try (var f = new java.io.RandomAccessFile(project.resolve("huge.tscn").toFile(), "rw")) {
            f.setLength(100L * 1024 * 1024);
        }
        assertThat(errorOf(() -> service.load("res://huge.tscn"))).isEqualTo(SceneErrorType.TOO_LARGE);
        assertThat(errorOf(() -> service.validate("res://huge.tscn"))).isEqualTo(SceneErrorType.TOO_LARGE);

        SceneService small = new SceneService(SceneConfig.builder(project)
                .parseLimits(ParseLimits.DEFAULTS.withMaxBytes(100)).build());
        assertThat(errorOf(() -> small.load("res://main.tscn"))).isEqualTo(SceneErrorType.TOO_LARGE);

        Files.writeString(project.resolve("dangling.tscn"), """
                [gd_scene format=3]
                [ext_resource type="PackedScene" path="res://gone.tscn" id="1"]
                [node name="A" type="Node3D"]
                [node name="B" parent="." instance=ExtResource("1")]
                """);
        SceneException dangling = failure(() -> service.load("res://dangling.tscn"));
        assertThat(dangling.error().type()).isEqualTo(SceneErrorType.PARSE_ERROR);
        assertThat(dangling.error().message()).contains("res://gone.tscn");
    }

    @Test
    void instancedDependenciesCannotEscapeTheRoot() throws Exception {
        String canary = plantCanary();
        for (String dep : List.of("res://../secret.tscn", base.resolve("secret.tscn").toString(),
                "res://link.tscn", "res://%2e%2e/secret.tscn")) {
            Files.writeString(project.resolve("evil.tscn"), "[gd_scene format=3]\n[ext_resource type=\"PackedScene\" "
                    + "path=\"" + dep + "\" id=\"1\"]\n[node name=\"E\" type=\"Node\"]\n"
                    + "[node name=\"X\" parent=\".\" instance=ExtResource(\"1\")]\n");
            assertThat(failure(() -> service.load("res://evil.tscn")).getMessage()).as(dep).doesNotContain(canary);
        }
    }

    @Test
    void traversalSetNeverReachesTheCanary() throws Exception {
        String canary = plantCanary();
        Files.createSymbolicLink(project.resolve("linkdir"), base);
        Files.createSymbolicLink(project.resolve("levels/uplink"), Path.of("../.."));
        for (String raw : TraversalTest.hostilePaths(base)) {
            for (ThrowingCall call : List.<ThrowingCall>of(() -> service.load(raw), () -> service.validate(raw))) {
                SceneException e = failure(call);
                assertThat(e.error().type()).as(raw).isIn(SceneErrorType.INVALID_PATH, SceneErrorType.FORBIDDEN);
                assertThat(e.getMessage()).doesNotContain(canary);
            }
        }
        assertThat(service.current()).isEmpty();
        assertThat(service.history()).allSatisfy(r -> assertThat(r.message()).doesNotContain(canary));
    }

    @Test
    void listsScenesWithoutAddonsOrSymlinks() throws Exception {
        Files.createSymbolicLink(project.resolve("outside"), base);
        Files.writeString(base.resolve("secret.tscn"), "[gd_scene format=3]\n");
        Files.createDirectories(project.resolve(".godot/imported"));
        Files.writeString(project.resolve(".godot/imported/cache.tscn"), "");

        SceneListing all = service.list(null, false);
        assertThat(all.scenes()).containsExactly("res://levels/lobby.tscn", "res://main.tscn",
                "res://props/beacon.tscn", "res://props/crate.tscn", "res://ui/menu.tscn");
        assertThat(all.truncated()).isFalse();
        assertThat(service.list("res://", true).scenes()).contains("res://addons/demo_tool/tool_panel.tscn")
                .hasSize(6);
        assertThat(service.list("res://props", false).scenes())
                .containsExactly("res://props/beacon.tscn", "res://props/crate.tscn");
        assertThat(service.list("res://addons", false).scenes()).isEmpty();

        SceneService capped = new SceneService(SceneConfig.builder(project).maxListedFiles(2).build());
        SceneListing two = capped.list("res://", false);
        assertThat(two.scenes()).hasSize(2);
        assertThat(two.truncated()).isTrue();

        assertThat(errorOf(() -> service.list("res://../", false))).isEqualTo(SceneErrorType.INVALID_PATH);
        assertThat(errorOf(() -> service.list("res://outside", false))).isEqualTo(SceneErrorType.FORBIDDEN);
        assertThat(errorOf(() -> service.list("res://nope", false))).isEqualTo(SceneErrorType.NOT_FOUND);
    }

    @Test
    void reloadReadsTheFileAgain() throws Exception {
        assertThat(errorOf(() -> service.reload())).isEqualTo(SceneErrorType.NOT_FOUND);
        service.load("res://ui/menu.tscn");
        Files.writeString(project.resolve("ui/menu.tscn"), "[gd_scene format=3]\n[node name=\"NewMenu\" type=\"Control\"]\n");
        LoadedScene again = service.reload();
        assertThat(again.rootName()).isEqualTo("NewMenu");
        assertThat(service.history()).hasSize(2);
    }

    @Test
    void healthReflectsMainSceneAndLastFileLoad() throws Exception {
        assertThat(service.health().state()).isEqualTo(HealthState.HEALTHY);
        assertThat(service.health().details()).containsEntry("main_scene_loadable", true);

        // A client naming a bad path is not the service's problem.
        errorOf(() -> service.load("res://../x.tscn"));
        errorOf(() -> service.load("res://nope.tscn"));
        assertThat(service.health().state()).isEqualTo(HealthState.HEALTHY);

        Files.writeString(project.resolve("bad.tscn"), "[gd_scene format=3]\n[node\n");
        errorOf(() -> service.load("res://bad.tscn"));
        SceneLoaderHealth degraded = service.health();
        assertThat(degraded.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(degraded.details()).containsEntry("last_load_outcome", "parse_error");

        service.load("res://main.tscn");
        assertThat(service.health().state()).isEqualTo(HealthState.HEALTHY);

        Files.writeString(project.resolve("main.tscn"), "garbage");
        SceneLoaderHealth unhealthy = service.health();
        assertThat(unhealthy.state()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(unhealthy.details()).containsEntry("main_scene_loadable", false);
    }

    @Test
    void whitelistComesFromConfiguration() throws Exception {
        SceneService strict = new SceneService(SceneConfig.builder(project)
                .pathPolicy(PathPolicy.builder().whitelist(List.of("res://main.tscn", "levels/")).build()).build());
        assertThat(strict.load("res://levels/lobby.tscn").rootName()).isEqualTo("Lobby");
        assertThat(errorOf(() -> strict.load("res://ui/menu.tscn"))).isEqualTo(SceneErrorType.FORBIDDEN);
        // Dependencies of an allowed scene are not subject to the whitelist.
        assertThat(strict.load("res://main.tscn").tree().find("/root/Main/Props/Crate")).isPresent();
    }

    @Test
    void concurrentLoadsAreSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LoadedScene>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String path = i % 2 == 0 ? "res://main.tscn" : "res://levels/lobby.tscn";
                futures.add(pool.submit(() -> service.load(path)));
            }
            for (Future<LoadedScene> f : futures) {
                assertThat(f.get().nodeCount()).isIn(27, 12);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(service.history()).hasSize(10).allSatisfy(r -> assertThat(r.success()).isTrue());
        assertThat(service.current()).isPresent();
    }
}
