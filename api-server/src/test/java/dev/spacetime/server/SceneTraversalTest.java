package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.scene.path.TraversalTest;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scene engine's traversal set, sent over HTTP to every route that takes a path (load, validate, list), plus
 * the spellings only HTTP adds (JSON escapes, invalid UTF-8 bytes, query encoding): each is refused with 400 or
 * 403, and a canary scene outside the project root never shows up in any response.
 */
class SceneTraversalTest {

    @Test
    void noSpellingOfTraversalReachesTheCanary() throws Exception {
        try (TestServer s = TestServer.start(SceneClient.limits(100_000))) {
            Path project = s.server.modules().projectRoot();
            String canary = TraversalTest.plantOutside(s.dir, project);
            SceneClient admin = new SceneClient(s);
            List<HttpResponse<String>> responses = new ArrayList<>();

            for (String raw : TraversalTest.hostilePaths(s.dir)) {
                String shown = raw.replace("\u0000", "\\0");
                for (HttpResponse<String> r : List.of(admin.load(raw), admin.validate(raw))) {
                    assertThat(r.statusCode()).as(shown).isIn(400, 403);
                    responses.add(r);
                }
                String dir = raw.endsWith(".tscn") ? raw.substring(0, raw.lastIndexOf('/') + 1) : raw;
                var listing = admin.get("/scenes?dir=" + URLEncoder.encode(dir, StandardCharsets.UTF_8));
                assertThat(listing.statusCode()).as("dir " + shown).isIn(200, 400, 403, 404);
                responses.add(listing);
            }
            // JSON escapes decode to ".." and "/" after the HTTP layer: still refused.
            for (String json : List.of("{\"scene_path\":\"res://\\u002e\\u002e/secret.tscn\"}",
                    "{\"scene_path\":\"res:\\/\\/..\\/secret.tscn\"}",
                    "{\"scene_path\":\"res://link\\u002etscn\"}")) {
                var r = admin.json("POST", "/scene", json);
                assertThat(r.statusCode()).as(json).isIn(400, 403);
                responses.add(r);
            }
            // Raw overlong UTF-8 for "../": not valid UTF-8, so not a path at all.
            var overlong = new java.io.ByteArrayOutputStream();
            overlong.writeBytes("{\"scene_path\":\"res://".getBytes(StandardCharsets.US_ASCII));
            overlong.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAE, (byte) 0xC0, (byte) 0xAE, (byte) 0xC0,
                (byte) 0xAF});
            overlong.writeBytes("secret.tscn\"}".getBytes(StandardCharsets.US_ASCII));
            var r = s.send(HttpRequest.newBuilder(s.uri("/scene")).POST(HttpRequest.BodyPublishers.ofByteArray(
                    overlong.toByteArray())),
                    "Authorization", "Bearer " + s.adminToken(), "Content-Type", "application/json");
            assertThat(r.statusCode()).isIn(400, 403);
            responses.add(r);

            // The listing never follows the links out, and nothing read outside shows up anywhere.
            responses.add(admin.get("/scenes?include_addons=true"));
            assertThat(responses.get(responses.size() - 1).body()).doesNotContain("secret");
            for (String path : List.of("/scene", "/scene/history", "/scene/dump", "/health")) {
                responses.add(admin.get(path));
            }
            for (HttpResponse<String> response : responses) {
                // Clients may echo the outside directory in paths they send (history keeps them); the project's
                // own location must never be revealed.
                assertThat(response.body()).doesNotContain(canary).doesNotContain(project.toString());
            }
        }
    }
}
