package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BadInputTest {

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(c -> c, List.of(routes -> routes.get("/test/boom").handler(rc -> {
            throw new IllegalStateException("secret internal detail");
        })));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @AfterEach
    void serverStillAnswers() throws Exception {
        var quick = server.get("/health/quick");
        assertThat(quick.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(quick.body()).getBoolean("healthy")).isTrue();
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("error")).isEqualTo(error);
        assertThat(body.getString("message")).isNotBlank();
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("error", "message");
        assertSecurityHeaders(response);
    }

    static void assertSecurityHeaders(HttpResponse<?> response) {
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'");
    }

    private HttpResponse<String> revoke(HttpRequest.BodyPublisher body, String contentType) throws Exception {
        return server.send(HttpRequest.newBuilder(server.uri("/auth/revoke")).POST(body),
                "Authorization", "Bearer " + server.adminToken(), "Content-Type", contentType);
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertJsonError(revoke(HttpRequest.BodyPublishers.ofString("{\"jti\": "), "application/json"), 400,
                "bad_request");
        assertJsonError(revoke(HttpRequest.BodyPublishers.ofString("[1,2]"), "application/json"), 400,
                "bad_request");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        assertJsonError(revoke(HttpRequest.BodyPublishers.ofString("jti=x"), "application/x-www-form-urlencoded"),
                415, "unsupported_media_type");
    }

    @Test
    void bodyOverOneMebibyteIs413WithOrWithoutContentLength() throws Exception {
        byte[] twoMiB = new byte[2 * 1024 * 1024];
        assertJsonError(revoke(HttpRequest.BodyPublishers.ofByteArray(twoMiB), "application/json"), 413,
                "payload_too_large");
        // Chunked: no Content-Length to refuse up front, so the limit applies while reading.
        assertJsonError(revoke(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(twoMiB)),
                "application/json"), 413, "payload_too_large");
    }

    @Test
    void authComesBeforeTheBodyChecks() throws Exception {
        var response = server.send(HttpRequest.newBuilder(server.uri("/auth/revoke"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])), "Content-Type", "text/plain");
        assertJsonError(response, 401, "unauthorized");
    }

    @Test
    void hugeHeaderIs431() throws Exception {
        assertJsonError(server.get("/health", "X-Huge", "a".repeat(64 * 1024)), 431,
                "request_header_fields_too_large");
    }

    @Test
    void unknownMethodIs405WithAllow() throws Exception {
        var response = server.send("BREW", "/health", null);
        assertJsonError(response, 405, "method_not_allowed");
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
        var delete = server.send("DELETE", "/auth/rotate", null);
        assertJsonError(delete, 405, "method_not_allowed");
        assertThat(delete.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void unknownRouteIs404() throws Exception {
        assertJsonError(server.get("/does/not/exist"), 404, "not_found");
    }

    @Test
    void bugsAre500WithoutDetails() throws Exception {
        var response = server.get("/test/boom");
        assertJsonError(response, 500, "internal_error");
        assertThat(response.body()).doesNotContain("secret internal detail").doesNotContain("Exception")
                .doesNotContain("at dev.");
    }

    @Test
    void securityHeadersOnSuccessesToo() throws Exception {
        for (String path : List.of("/health", "/health/quick", "/health/live", "/health/ready", "/metrics")) {
            var response = server.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertSecurityHeaders(response);
        }
    }
}
