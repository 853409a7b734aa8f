package dev.spacetime.server;

import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.ratelimit.RouteGroup;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.function.UnaryOperator;

/** Scene API calls against a {@link TestServer}, with its admin token unless a token is given. */
final class SceneClient {
    final TestServer server;
    private final String token;

    SceneClient(TestServer server) throws Exception {
        this(server, server.adminToken());
    }

    SceneClient(TestServer server, String token) {
        this.server = server;
        this.token = token;
    }

    /** Every rate-limit group at {@code perMinute}. */
    static UnaryOperator<ServerConfig> limits(int perMinute) {
        return c -> {
            var all = new EnumMap<RouteGroup, Integer>(RouteGroup.class);
            for (RouteGroup g : RouteGroup.values()) {
                all.put(g, perMinute);
            }
            return c.withRateLimit(new ServerConfig.RateLimit(all, c.rateLimit().trustedProxies(),
                    c.rateLimit().maxBuckets()));
        };
    }

    /** {"scene_path": path} with JSON escaping (so NUL and other controls arrive as the characters). */
    static String body(String scenePath) {
        return new JsonObject().put("scene_path", scenePath).encode();
    }

    HttpResponse<String> load(String scenePath) throws Exception {
        return json("POST", "/scene", body(scenePath));
    }

    HttpResponse<String> validate(String scenePath) throws Exception {
        return json("PUT", "/scene", body(scenePath));
    }

    HttpResponse<String> json(String method, String path, String json) throws Exception {
        return server.send(method, path, json, "Authorization", "Bearer " + token, "Content-Type",
                "application/json");
    }

    HttpResponse<String> get(String path) throws Exception {
        return server.get(path, "Authorization", "Bearer " + token);
    }

    /** The body of a 200 response as JSON; fails with the body otherwise. */
    static JsonObject ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }
}
