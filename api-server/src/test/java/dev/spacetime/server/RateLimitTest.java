package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.ratelimit.RouteGroup;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private static final int LIMIT = 5;

    private static UnaryOperator<ServerConfig> limits(Set<String> trustedProxies) {
        return c -> {
            var perMinute = new EnumMap<>(c.rateLimit().perMinute());
            perMinute.put(RouteGroup.DEFAULT, LIMIT);
            return c.withRateLimit(new ServerConfig.RateLimit(perMinute, trustedProxies, c.rateLimit().maxBuckets()));
        };
    }

    private static HttpResponse<String> status(TestServer s, String token, String... extra) throws Exception {
        String[] headers = new String[extra.length + 2];
        headers[0] = "Authorization";
        headers[1] = "Bearer " + token;
        System.arraycopy(extra, 0, headers, 2, extra.length);
        return s.get("/auth/status", headers);
    }

    @Test
    void burstPastTheLimitGets429WithRetryAfterAndIsCounted() throws Exception {
        try (TestServer s = TestServer.start(limits(Set.of()))) {
            String token = s.adminToken();
            String hits = "rate_limit_hits_total{endpoint=\"/auth/status\"}";
            assertThat(TestServer.sample(s.metrics(), hits)).isZero();
            for (int i = 0; i < LIMIT; i++) {
                var ok = status(s, token);
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue(Integer.toString(LIMIT));
                assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(LIMIT - 1 - i));
                assertThat(ok.headers().firstValue("X-RateLimit-Reset")).isPresent();
            }
            var limited = status(s, token);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(new JsonObject(limited.body()).getString("error")).isEqualTo("too_many_requests");
            assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
            assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
            assertThat(TestServer.sample(s.metrics(), hits)).isEqualTo(1);
            // Public monitoring routes are not limited.
            for (int i = 0; i < LIMIT * 2; i++) {
                assertThat(s.get("/health/live").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void forwardedForIsIgnoredFromUntrustedPeers() throws Exception {
        try (TestServer s = TestServer.start(limits(Set.of()))) {
            String token = s.adminToken();
            for (int i = 0; i < LIMIT; i++) {
                assertThat(status(s, token, "X-Forwarded-For", "10.0.0." + i).statusCode()).isEqualTo(200);
            }
            assertThat(status(s, token, "X-Forwarded-For", "10.0.1.1").statusCode()).isEqualTo(429);
        }
    }

    @Test
    void forwardedForFromATrustedProxySeparatesClients() throws Exception {
        try (TestServer s = TestServer.start(limits(Set.of("127.0.0.1")))) {
            String token = s.adminToken();
            for (int i = 0; i < LIMIT; i++) {
                assertThat(status(s, token, "X-Forwarded-For", "10.0.0.1").statusCode()).isEqualTo(200);
            }
            assertThat(status(s, token, "X-Forwarded-For", "10.0.0.1").statusCode()).isEqualTo(429);
            // Left-most entries are client-supplied; the proxy appended the real client last.
            assertThat(status(s, token, "X-Forwarded-For", "10.0.0.1, 10.0.0.2").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readingTheCurrentSceneDoesNotSpendTheLoadsBucket() throws Exception {
        try (TestServer s = TestServer.start()) {
            SceneClient scenes = new SceneClient(s);
            for (int i = 0; i < 60; i++) {
                var read = scenes.get("/scene");
                assertThat(read.statusCode()).as("GET /scene #%d", i + 1).isEqualTo(200);
                assertThat(read.headers().firstValue("X-RateLimit-Limit")).hasValue("100");
            }
            // Loads keep their own 30/min (refilled at one per 2 s: 31 loads take far less).
            for (int i = 0; i < 30; i++) {
                var load = scenes.load("res://main.tscn");
                assertThat(load.statusCode()).as("POST /scene #%d", i + 1).isEqualTo(200);
                assertThat(load.headers().firstValue("X-RateLimit-Limit")).hasValue("30");
            }
            assertThat(scenes.load("res://main.tscn").statusCode()).isEqualTo(429);
            assertThat(scenes.get("/scene").statusCode()).isEqualTo(200);
        }
    }
}
