package dev.spacetime.server;

import static dev.spacetime.server.SceneClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Without a project root the server serves the embedded demo project from a temporary copy it deletes on close. */
class DemoProjectDefaultTest {

    @Test
    void theDemoProjectIsServedAndRemovedOnClose() throws Exception {
        Path root;
        try (TestServer s = TestServer.start(c -> c.toBuilder().projectRoot(Optional.empty()).build())) {
            root = s.server.modules().projectRoot();
            assertThat(root.toString()).doesNotStartWith(s.dir.toString());
            SceneClient admin = new SceneClient(s);
            var current = ok(admin.get("/scene"));
            assertThat(current.getString("path")).isEqualTo("res://main.tscn");
            assertThat(current.getString("root")).isEqualTo("Main");
            assertThat(ok(admin.get("/scenes")).getJsonArray("scenes").getList()).contains("res://levels/lobby.tscn");
        }
        assertThat(Files.exists(root)).isFalse();
    }
}
