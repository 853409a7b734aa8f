package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.server.config.ServerConfig;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * POST /scene answers in the order SPEC.md fixes: auth 401, rate limit 429, body size 413, JSON 400, path policy
 * 400/403, file 404, then the work (422 for a broken scene, 413 for an oversized scene file); each scene failure is
 * counted by error type.
 */
class SceneCheckOrderTest {

    private static final int LIMIT = 12;
    private static final int MAX_SCENE_BYTES = 64 * 1024;

    @Test
    void checksRunInOrderAndFailuresAreCountedByType() throws Exception {
        try (TestServer s = TestServer.start(c -> SceneClient.limits(LIMIT).apply(c).withScenes(
                new ServerConfig.Scenes(c.scenes().mainScene(), c.scenes().targetFps(), c.scenes().fpsFloor(),
                        MAX_SCENE_BYTES, c.scenes().environment(), c.scenes().blacklist(),
                        c.scenes().whitelist())))) {
            Path project = s.server.modules().projectRoot();
            Files.writeString(project.resolve("broken.tscn"), "[gd_scene format=3]\n[node name=\"A\" type=\"Node\"\n");
            Files.writeString(project.resolve("big.tscn"), "[gd_scene format=3]\n[node name=\"A\" type=\"Node\"]\n"
                    + "; padding\n".repeat(MAX_SCENE_BYTES / 8));
            SceneClient admin = new SceneClient(s);
            byte[] twoMiB = new byte[2 * 1024 * 1024];
            String before = s.metrics();

            // Anonymous: 401 whatever the body, and without using the client's rate budget.
            for (int i = 0; i < LIMIT + 1; i++) {
                assertError(post(s, null, HttpRequest.BodyPublishers.ofByteArray(twoMiB)), 401, "unauthorized");
            }
            assertError(post(s, null, HttpRequest.BodyPublishers.ofString("{not json")), 401, "unauthorized");

            assertError(post(s, s.adminToken(), HttpRequest.BodyPublishers.ofByteArray(twoMiB)), 413, "payload_too_large");
            assertError(admin.json("POST", "/scene", "{\"scene_path\": "), 400, "bad_request");
            assertError(admin.json("POST", "/scene", "[\"res://main.tscn\"]"), 400, "bad_request");
            assertError(admin.json("POST", "/scene", "{}"), 400, "bad_request");
            assertError(admin.json("POST", "/scene", "{\"scene_path\": 5}"), 400, "bad_request");
            assertError(admin.load("res://../main.tscn"), 400, "invalid_path");
            assertError(admin.load("res://addons/x.tscn"), 403, "forbidden");
            assertError(admin.load("res://missing.tscn"), 404, "not_found");
            var parse = admin.load("res://broken.tscn");
            assertError(parse, 422, "parse_error");
            assertThat(new JsonObject(parse.body()).getString("message")).startsWith("res://broken.tscn line ");
            assertError(admin.load("res://big.tscn"), 413, "too_large");

            String after = s.metrics();
            for (String type : new String[] {"invalid_path", "forbidden", "not_found", "parse_error", "too_large"}) {
                assertThat(SceneApiTest.delta(before, after, "scene_load_errors_total{error_type=\"" + type + "\"}"))
                        .as(type).isEqualTo(1);
            }
            assertThat(SceneApiTest.delta(before, after, "scene_loads_total")).isZero();

            // Use up the rest of the budget; then even a 2 MiB body is refused by the limiter, not the size check.
            int status = 200;
            for (int i = 0; i < LIMIT && status != 429; i++) {
                status = admin.load("res://main.tscn").statusCode();
            }
            assertThat(status).isEqualTo(429);
            var limited = post(s, s.adminToken(), HttpRequest.BodyPublishers.ofByteArray(twoMiB));
            assertError(limited, 429, "too_many_requests");
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertError(post(s, null, HttpRequest.BodyPublishers.ofString("{}")), 401, "unauthorized");
        }
    }

    private static String admin(TestServer s) throws Exception {
        return s.adminToken();
    }

    private static HttpResponse<String> post(TestServer s, String token, HttpRequest.BodyPublisher body)
            throws Exception {
        var request = HttpRequest.newBuilder(s.uri("/scene")).POST(body).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return s.send(request);
    }

    /** A JSON error of exactly {error, message} that names no server path. */
    static void assertError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("error", "message");
        assertThat(body.getString("error")).isEqualTo(error);
        assertThat(body.getString("message")).isNotBlank().doesNotContain(System.getProperty("java.io.tmpdir") + "/");
    }
}
