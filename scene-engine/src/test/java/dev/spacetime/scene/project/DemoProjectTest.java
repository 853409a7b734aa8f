package dev.spacetime.scene.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.scene.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoProjectTest {
    @TempDir
    Path dir;

    @Test
    void indexListsEveryDemoResource() throws IOException {
        Path sources = TestPaths.repositoryRoot().resolve("scene-engine/src/main/resources/demo-project");
        try (Stream<Path> files = Files.walk(sources)) {
            assertThat(files.filter(Files::isRegularFile)
                    .map(p -> sources.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("index.txt")))
                    .containsExactlyInAnyOrderElementsOf(DemoProject.files());
        }
    }

    @Test
    void everyDemoSceneLoadsAndMainIsAVrScene() throws Exception {
        Path root = DemoProject.extractToTempDirectory();
        try {
            SceneService service = new SceneService(SceneConfig.builder(root).build());
            for (String scene : service.list("res://", false).scenes()) {
                assertThat(service.validate(scene).valid()).as(scene).isTrue();
                assertThat(service.validate(scene).warnings()).as(scene).isEmpty();
            }
            var tree = service.load(SceneConfig.DEFAULT_MAIN_SCENE).tree();
            assertThat(tree.nodes()).filteredOn(n -> n.type().orElse("").equals("XROrigin3D")).hasSize(1);
            assertThat(tree.nodes()).filteredOn(n -> n.type().orElse("").equals("XRCamera3D")).hasSize(1);
            assertThat(tree.nodes()).filteredOn(n -> n.type().orElse("").equals("XRController3D"))
                    .extracting(n -> n.properties().get("tracker"))
                    .containsExactlyInAnyOrder(new dev.spacetime.scene.parse.Value.StringName("left_hand"),
                            new dev.spacetime.scene.parse.Value.StringName("right_hand"));
            assertThat(service.load("res://levels/lobby.tscn").tree().find("/root/Lobby/Beacon/Base/Label"))
                    .as("lobby -> beacon -> crate").isPresent();
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void materialiseIsIdempotent() throws IOException {
        DemoProject.materialise(dir);
        DemoProject.materialise(dir);
        assertThat(dir.resolve("main.tscn")).exists();
        assertThat(dir.resolve("levels/lobby.tscn")).exists();
    }
}
