package dev.spacetime.server;

import static dev.spacetime.server.SceneClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.server.config.ServerConfig;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The current environment's whitelist (exact, directory prefix, {@code *}, {@code **}) and the blacklist, over HTTP. */
class SceneWhitelistTest {

    private static TestServer start(String environment) throws Exception {
        return TestServer.start(c -> SceneClient.limits(10_000).apply(c).withScenes(new ServerConfig.Scenes(
                c.scenes().mainScene(), c.scenes().targetFps(), c.scenes().fpsFloor(), c.scenes().maxSceneBytes(),
                environment, List.of("props/beacon.tscn"),
                Map.of("production", List.of("main.tscn", "levels/", "props/*.tscn", "ui/**")))));
    }

    @Test
    void productionAllowsOnlyWhitelistedScenes() throws Exception {
        try (TestServer s = start("production")) {
            Files.writeString(s.server.modules().projectRoot().resolve("other.tscn"),
                    "[gd_scene format=3]\n[node name=\"Other\" type=\"Node\"]\n");
            SceneClient admin = new SceneClient(s);
            for (String allowed : List.of("res://main.tscn", "res://levels/lobby.tscn", "res://props/crate.tscn",
                    "res://ui/menu.tscn")) {
                ok(admin.load(allowed));
            }
            SceneCheckOrderTest.assertError(admin.load("res://other.tscn"), 403, "forbidden");
            SceneCheckOrderTest.assertError(admin.validate("res://other.tscn"), 403, "forbidden");
            SceneCheckOrderTest.assertError(admin.load("res://props/beacon.tscn"), 403, "forbidden");
        }
    }

    @Test
    void developmentHasNoWhitelistButKeepsTheBlacklist() throws Exception {
        try (TestServer s = start(ServerConfig.Scenes.DEVELOPMENT)) {
            Files.writeString(s.server.modules().projectRoot().resolve("other.tscn"),
                    "[gd_scene format=3]\n[node name=\"Other\" type=\"Node\"]\n");
            SceneClient admin = new SceneClient(s);
            assertThat(ok(admin.load("res://other.tscn")).getString("root")).isEqualTo("Other");
            SceneCheckOrderTest.assertError(admin.load("res://props/beacon.tscn"), 403, "forbidden");
            SceneCheckOrderTest.assertError(admin.load("res://addons/demo_tool/tool_panel.tscn"), 403, "forbidden");
        }
    }
}
