package dev.spacetime.server;

import static dev.spacetime.server.SceneClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.scene.TestPaths;
import dev.spacetime.server.config.ServerConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scene routes over a project made of real Godot demo scenes (copied from ../shared at test time). */
class SceneCorpusTest {

    /** 3D with transforms, 2D, GUI, and the corpus's largest scene. */
    private static final List<String> FILES = List.of("3d--labels_and_texts--3d_labels_and_texts.tscn",
            "2d--tween--main.tscn", "gui--control_gallery--control_gallery.tscn", "2d--skeleton--player--player.tscn");
    private static final Pattern NODE = Pattern.compile("(?m)^\\[node name=\"([^\"]*)\"");

    @TempDir
    Path temp;

    @Test
    void realScenesLoadValidateListAndDump() throws Exception {
        Path project = Files.createDirectories(temp.resolve("project/corpus"));
        for (String file : FILES) {
            Files.copy(TestPaths.sceneCorpus().resolve(file), project.resolve(file));
        }
        String main = "res://corpus/" + FILES.get(0);
        try (TestServer s = TestServer.start(c -> SceneClient.limits(10_000).apply(c)
                .withProjectRoot(project.getParent())
                .withScenes(new ServerConfig.Scenes(main, c.scenes().targetFps(), c.scenes().fpsFloor(),
                        c.scenes().maxSceneBytes(), c.scenes().environment(), c.scenes().blacklist(),
                        c.scenes().whitelist())))) {
            SceneClient admin = new SceneClient(s);
            assertThat(ok(admin.get("/scene")).getString("path")).as("main scene loaded at start").isEqualTo(main);

            assertThat(ok(admin.get("/scenes")).getJsonArray("scenes").getList())
                    .containsExactlyInAnyOrderElementsOf(FILES.stream().map(f -> "res://corpus/" + f).toList());
            for (String file : FILES) {
                String text = Files.readString(project.resolve(file));
                Matcher m = NODE.matcher(text);
                int nodes = 0;
                String rootName = null;
                while (m.find()) {
                    rootName = rootName == null ? m.group(1) : rootName;
                    nodes++;
                }
                String path = "res://corpus/" + file;
                JsonObject validated = ok(admin.validate(path));
                assertThat(validated.getBoolean("valid")).as(file).isTrue();
                assertThat(validated.getJsonObject("scene_info").getInteger("node_count")).as(file).isEqualTo(nodes);

                JsonObject loaded = ok(admin.load(path));
                assertThat(loaded.getInteger("node_count")).as(file).isEqualTo(nodes);
                assertThat(loaded.getString("root")).as(file).isEqualTo(rootName);
                assertThat(loaded.getLong("size_bytes")).isEqualTo(Files.size(project.resolve(file)));

                JsonObject dump = ok(admin.get("/scene/dump"));
                assertThat(dump.getJsonObject("root").getString("name")).isEqualTo(rootName);
                assertThat(dump.getInteger("node_count")).isEqualTo(nodes);
            }
            ok(admin.load(main));
            assertThat(ok(admin.get("/scene/dump")).encode()).as("3D nodes carry a global position")
                    .contains("\"global_position\":[");
        }
    }
}
