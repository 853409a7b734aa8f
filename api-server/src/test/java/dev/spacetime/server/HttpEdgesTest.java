package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.server.auth.Role;
import dev.spacetime.server.http.RequestContext;
import dev.spacetime.server.http.Responses;
import dev.spacetime.server.routes.RouteFeature;
import dev.spacetime.server.routes.Routes;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Edges of request handling a client runs into: the body limit at exactly its size, with and without
 * Content-Length; when an error answer closes the connection; which failures are logged as bugs; malformed
 * requests counted like any other.
 */
class HttpEdgesTest {
    private static LogCapture severe;
    private static TestServer server;

    /** Test routes: a JSON echo behind admin auth, a 503 and a bug. */
    private static final RouteFeature TEST_ROUTES = routes -> {
        routes.post("/test/echo").role(Role.ADMIN).jsonBody().handler(rc -> Responses.json(rc, 200, new JsonObject()
                .put("fields", RequestContext.of(rc).json().size()).put("bytes", RequestContext.of(rc).body().length())));
        routes.get("/test/unavailable").handler(rc -> rc.fail(503));
        routes.get("/test/fail").handler(rc -> rc.fail(500));
        routes.get("/test/bug").handler(rc -> {
            throw new IllegalStateException("a bug");
        });
    };

    @BeforeAll
    static void start() throws Exception {
        severe = LogCapture.severe();
        server = TestServer.start(c -> c, List.of(TEST_ROUTES));
    }

    @AfterAll
    static void stop() throws Exception {
        severe.close();
        server.close();
    }

    /** A JSON object of exactly {@code size} bytes. */
    private static byte[] jsonOfSize(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        byte[] object = "{\"a\":1}".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(object, 0, body, 0, object.length);
        return body;
    }

    private static HttpResponse<String> echo(HttpRequest.BodyPublisher body) throws Exception {
        return server.send(HttpRequest.newBuilder(server.uri("/test/echo")).POST(body),
                "Authorization", "Bearer " + server.adminToken(), "Content-Type", "application/json");
    }

    @Test
    void aBodyOfExactlyTheLimitIsReadWholeWithOrWithoutContentLength() throws Exception {
        int limit = (int) Routes.BODY_LIMIT;
        var declared = echo(HttpRequest.BodyPublishers.ofByteArray(jsonOfSize(limit)));
        assertThat(declared.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(declared.body())).isEqualTo(new JsonObject().put("fields", 1).put("bytes", limit));
        assertThat(echo(HttpRequest.BodyPublishers.ofByteArray(jsonOfSize(limit + 1))).statusCode()).isEqualTo(413);

        // ofInputStream has no length: the body is sent chunked, and counted as it arrives.
        var chunked = echo(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(jsonOfSize(limit))));
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(chunked.body()).getInteger("bytes")).isEqualTo(limit);
        assertThat(echo(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(jsonOfSize(limit + 1)))).statusCode()).isEqualTo(413);
    }

    @Test
    void anEmptyBodyIsAnEmptyObject() throws Exception {
        var response = echo(HttpRequest.BodyPublishers.noBody());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body())).isEqualTo(new JsonObject().put("fields", 0).put("bytes", 0));
    }

    /** The status line and headers of one raw HTTP/1.1 exchange, lower-cased. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            return head.toString().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Test
    void anErrorBeforeTheBodyWasReadClosesTheConnectionAndOnlyThen() throws IOException {
        String unread = exchange("POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 7\r\n\r\n{\"a\":1}");
        assertThat(unread).startsWith("http/1.1 401").contains("\r\nconnection: close\r\n");
        String chunked = exchange("POST /test/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "7\r\n{\"a\":1}\r\n0\r\n\r\n");
        assertThat(chunked).startsWith("http/1.1 401").contains("\r\nconnection: close\r\n");
        String empty = exchange("POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        assertThat(empty).startsWith("http/1.1 401").doesNotContain("connection: close");
        String bodiless = exchange("GET /no/such/route HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(bodiless).startsWith("http/1.1 404").doesNotContain("connection: close");
        String read = exchange("POST /auth/revoke HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + server.adminToken() + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(read).as("refused after the body was read").startsWith("http/1.1 400")
                .doesNotContain("connection: close");
    }

    @Test
    void serverErrorsKeepTheirStatusAndAreLoggedClientErrorsAreNot() throws Exception {
        severe.records.clear();
        var unavailable = server.get("/test/unavailable");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(unavailable.body())).isEqualTo(new JsonObject()
                .put("error", "service_unavailable").put("message", "service unavailable"));
        assertThat(severe.records.poll(10, TimeUnit.SECONDS)).isNotNull()
                .satisfies(r -> assertThat(r.getMessage()).contains("GET /test/unavailable"));

        var bug = server.get("/test/bug");
        assertThat(bug.statusCode()).isEqualTo(500);
        assertThat(new JsonObject(bug.body())).isEqualTo(new JsonObject()
                .put("error", "internal_error").put("message", "internal server error"));
        assertThat(severe.records.poll(10, TimeUnit.SECONDS)).isNotNull()
                .satisfies(r -> assertThat(r.getThrown()).hasMessage("a bug"));

        assertThat(server.get("/test/fail").statusCode()).isEqualTo(500);
        assertThat(severe.records.poll(10, TimeUnit.SECONDS)).as("a plain 500 is a bug too").isNotNull();

        assertThat(server.get("/no/such/route").statusCode()).isEqualTo(404);
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(severe.records).as("a 404 is the client's mistake, not a bug").isEmpty();
    }

    @Test
    void aMalformedRequestIsCountedUnderTheUnmatchedEndpoint() throws Exception {
        String series = "http_requests_total{endpoint=\"unmatched\",method=\"GET\",status=\"431\"}";
        double before = TestServer.sample(server.metrics(), series);
        String head = exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(64 * 1024) + "\r\n\r\n");
        assertThat(head).startsWith("http/1.1 431").contains("\r\nconnection: close\r\n");
        String exposition = server.metrics();
        assertThat((Double.isNaN(before) ? 0 : before) + 1).isEqualTo(TestServer.sample(exposition, series));
        // Timed from when the request arrived: far below a minute (a wrong sign would give the JVM's uptime or more).
        assertThat(TestServer.sample(exposition,
                "http_request_duration_seconds_sum{endpoint=\"unmatched\",method=\"GET\"}")).isBetween(0.0, 60.0);
    }

    @Test
    void aTokenMayLastOneSecondButNotLessAndUnknownRolesAreNamed() throws Exception {
        String[] auth = {"Authorization", "Bearer " + server.adminToken(), "Content-Type", "application/json"};
        assertThat(server.send("POST", "/auth/token", "{\"role\":\"reader\",\"ttl_seconds\":1}", auth).statusCode())
                .isEqualTo(201);
        assertThat(server.send("POST", "/auth/token", "{\"role\":\"reader\",\"ttl_seconds\":0}", auth).statusCode())
                .isEqualTo(400);
        var foreign = server.send("POST", "/auth/revoke", "{\"token\":\"a.b.c\"}", auth);
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(foreign.body()).getString("message")).isEqualTo("token is not one this server signed");
        var unknown = server.send("POST", "/auth/token", "{\"role\":\"root\"}", auth);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(unknown.body()).getString("message"))
                .isEqualTo("role must be one of: reader, admin, webhook");
    }
}
