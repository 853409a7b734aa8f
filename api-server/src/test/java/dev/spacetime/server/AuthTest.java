package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.AuthResult;
import dev.spacetime.server.auth.Role;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.routes.Routes;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthTest {

    private static LogCapture logs;

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        logs = LogCapture.atLeast(Level.ALL);
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        logs.close();
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private HttpResponse<String> call(Routes.Declared route, String authorization) throws Exception {
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json"));
        if (authorization != null) {
            headers.add("Authorization");
            headers.add(authorization);
        }
        String body = route.jsonBody() ? "{}" : null;
        return server.send(route.method().name(), route.path(), body, headers.toArray(String[]::new));
    }

    private String issue(Role role) throws Exception {
        var response = server.send("POST", "/auth/token", "{\"role\":\"" + role.label() + "\"}",
                "Authorization", bearer(server.adminToken()), "Content-Type", "application/json");
        assertThat(response.statusCode()).isEqualTo(201);
        return new JsonObject(response.body()).getString("token");
    }

    private double attempts(AuthResult result) throws Exception {
        return TestServer.sample(server.metrics(), "auth_attempts_total{result=\"" + result.label() + "\"}");
    }

    @Test
    void everyProtectedRouteRefusesEveryBadCredential() throws Exception {
        String admin = server.adminToken();
        JsonObject claims = new JsonObject(TestServer.payload(admin));
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String expired = TestServer.jwt(header, claims.copy().put("exp", Instant.now().minusSeconds(60)
                .getEpochSecond()).encode(), TestServer.SECRET);
        String badSignature = TestServer.jwt(header, claims.encode(), "another-secret-another-secret-0123456789");
        String algNone = TestServer.jwt("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims.encode(), "x")
                .replaceAll("[^.]+$", "");
        String revoked = issue(Role.ADMIN);
        var revoke = server.send("POST", "/auth/revoke", "{\"token\":\"" + revoked + "\"}",
                "Authorization", bearer(admin), "Content-Type", "application/json");
        assertThat(revoke.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(revoke.body()).getInteger("revoked")).isEqualTo(1);
        String reader = issue(Role.READER);

        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put(null, 401);
        cases.put("Basic dXNlcjpwYXNz", 401);
        cases.put("Bearer garbage", 401);
        cases.put(bearer(badSignature), 401);
        cases.put(bearer(algNone), 401);
        cases.put(bearer(expired), 401);
        cases.put(bearer(revoked), 401);
        cases.put(bearer(reader), 403);

        List<Routes.Declared> protectedRoutes = server.server.routes().stream().filter(r -> r.role() != null).toList();
        assertThat(protectedRoutes).extracting(Routes.Declared::path)
                .contains("/auth/status", "/auth/rotate", "/auth/revoke", "/auth/token");
        double expiredBefore = attempts(AuthResult.EXPIRED_TOKEN);
        double forbiddenBefore = attempts(AuthResult.FORBIDDEN);
        for (Routes.Declared route : protectedRoutes) {
            for (var c : cases.entrySet()) {
                int expectedStatus = route.role() == Role.READER && c.getValue() == 403 ? 200 : c.getValue();
                var response = call(route, c.getKey());
                assertThat(response.statusCode()).as("%s %s with %s", route.method(), route.path(), c.getKey())
                        .isEqualTo(expectedStatus);
                if (expectedStatus != 200) {
                    JsonObject error = new JsonObject(response.body());
                    assertThat(error.getString("error")).isEqualTo(expectedStatus == 401 ? "unauthorized"
                            : "forbidden");
                }
                assertThat(response.body()).doesNotContain(admin);
            }
        }
        assertThat(attempts(AuthResult.EXPIRED_TOKEN) - expiredBefore).isEqualTo(protectedRoutes.size());
        // A reader token is forbidden everywhere but on reader routes.
        assertThat(attempts(AuthResult.FORBIDDEN) - forbiddenBefore)
                .isEqualTo(protectedRoutes.stream().filter(r -> r.role() != Role.READER).count());
    }

    @Test
    void validTokensReachEveryProtectedRoute() throws Exception {
        String admin = server.adminToken();
        double before = attempts(AuthResult.SUCCESS);
        assertThat(server.get("/auth/status", "Authorization", bearer(admin)).statusCode()).isEqualTo(200);
        var issued = server.send("POST", "/auth/token", "{\"role\":\"reader\",\"ttl_seconds\":60}",
                "Authorization", bearer(admin), "Content-Type", "application/json");
        assertThat(issued.statusCode()).isEqualTo(201);
        assertThat(new JsonObject(issued.body()).getString("role")).isEqualTo("reader");
        var revoke = server.send("POST", "/auth/revoke", "{\"jti\":\"no-such-token\"}",
                "Authorization", bearer(admin), "Content-Type", "application/json");
        assertThat(revoke.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(revoke.body()).getInteger("revoked")).isZero();
        assertThat(attempts(AuthResult.SUCCESS) - before).isEqualTo(3);
    }

    @Test
    void rotationKeepsThePreviousTokenForTheGracePeriodAndRewritesTheFile() throws Exception {
        try (TestServer s = TestServer.start(c -> c.withAuth(new ServerConfig.Auth(c.auth().secret(),
                c.auth().tokenTtl(), Duration.ofHours(1))))) {
            String old = s.adminToken();
            var rotated = s.send("POST", "/auth/rotate", null, "Authorization", bearer(old));
            assertThat(rotated.statusCode()).isEqualTo(200);
            String fresh = new JsonObject(rotated.body()).getString("token");
            assertThat(fresh).isNotEqualTo(old);
            assertThat(s.adminToken()).isEqualTo(fresh);
            assertThat(s.get("/auth/status", "Authorization", bearer(old)).statusCode()).isEqualTo(200);
            assertThat(s.get("/auth/status", "Authorization", bearer(fresh)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutGraceTheRotatedTokenStopsWorkingAndRevokeOthersKeepsOnlyTheCaller() throws Exception {
        try (TestServer s = TestServer.start(c -> c.withAuth(new ServerConfig.Auth(c.auth().secret(),
                c.auth().tokenTtl(), Duration.ZERO)))) {
            String old = s.adminToken();
            String fresh = new JsonObject(s.send("POST", "/auth/rotate", null, "Authorization", bearer(old)).body())
                    .getString("token");
            var refused = s.get("/auth/status", "Authorization", bearer(old));
            assertThat(refused.statusCode()).isEqualTo(401);

            var second = s.send("POST", "/auth/token", "{\"role\":\"reader\"}", "Authorization", bearer(fresh),
                    "Content-Type", "application/json");
            String reader = new JsonObject(second.body()).getString("token");
            var revokeOthers = s.send("POST", "/auth/revoke", "{\"scope\":\"others\"}",
                    "Authorization", bearer(fresh), "Content-Type", "application/json");
            assertThat(revokeOthers.statusCode()).isEqualTo(200);
            assertThat(s.get("/auth/status", "Authorization", bearer(reader)).statusCode()).isEqualTo(401);
            assertThat(s.get("/auth/status", "Authorization", bearer(fresh)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void tokenFileIsOwnerOnlyAndTheTokenAppearsInNoPublicResponseOrLog() throws Exception {
        var file = server.server.modules().config().tokenFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        String token = server.adminToken();
        for (var route : server.server.routes()) {
            if (route.role() == null) {
                var response = server.send(route.method().name(), route.path(), null);
                assertThat(response.body()).as(route.path()).doesNotContain(token);
                assertThat(response.headers().map().toString()).doesNotContain(token);
            }
        }
        assertThat(server.get("/no/such/route").body()).doesNotContain(token);
        List<String> logged = logs.records.stream().map(r -> r.getMessage() + " " + r.getThrown()).toList();
        assertThat(logged).anyMatch(l -> l.contains(file.toString()));
        assertThat(logged).noneMatch(l -> l.contains(token) || l.contains(token.split("\\.")[2]));
    }
}
