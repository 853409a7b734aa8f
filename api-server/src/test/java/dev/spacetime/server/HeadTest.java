package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HEAD answers on every GET route with the GET's status and headers and no body, and is counted as HEAD. */
@ExtendWith(TestServerExtension.class)
class HeadTest {

    /** Headers whose values differ from one response to the next (counters, clocks). */
    private static final Set<String> CHANGING = Set.of("x-ratelimit-remaining", "x-ratelimit-reset");

    private static TestServer server;

    private static HttpResponse<String> head(String path, String... headers) throws Exception {
        return server.send(HttpRequest.newBuilder(server.uri(path)).method("HEAD",
                HttpRequest.BodyPublishers.noBody()), headers);
    }

    private static Map<String, List<String>> stable(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.keySet().removeIf(CHANGING::contains);
        return headers;
    }

    @Test
    void headHasTheGetsStatusAndHeadersAndNoBody() throws Exception {
        String auth = "Bearer " + server.adminToken();
        // Routes whose body is the same from one request to the next: every header, Content-Length included, matches.
        for (String path : List.of("/health/live", "/scenes", "/runbooks/", "/runbooks/HTTPAPIDown")) {
            var get = server.get(path, "Authorization", auth);
            var head = head(path, "Authorization", auth);
            assertThat(get.statusCode()).as(path).isEqualTo(200);
            assertThat(head.statusCode()).as(path).isEqualTo(200);
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.headers().firstValue("Content-Length")).as(path)
                    .hasValue(Integer.toString(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            assertThat(stable(head)).as(path).isEqualTo(stable(get));
        }
        // Bodies that change between requests (timings, counters): same status and header names, a length, no body.
        for (String path : List.of("/health", "/metrics")) {
            var get = server.get(path);
            var head = head(path);
            assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.headers().map().keySet()).as(path).isEqualTo(get.headers().map().keySet());
            assertThat(head.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
            assertThat(Long.parseLong(head.headers().firstValue("Content-Length").orElseThrow())).isPositive();
        }
    }

    @Test
    void headGoesThroughAuthAndRateLimit() throws Exception {
        var refused = head("/scenes");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEmpty();
        assertThat(refused.headers().firstValue("Content-Length")).hasValue(
                Integer.toString(server.get("/scenes").body().length()));
        var limited = head("/scenes", "Authorization", "Bearer " + server.adminToken());
        assertThat(limited.headers().firstValue("X-RateLimit-Limit")).hasValue("60");
    }

    @Test
    void headIsAllowedWhereGetIsAndNowhereElse() throws Exception {
        var postOnly = head("/scene/reload");
        assertThat(postOnly.statusCode()).isEqualTo(405);
        assertThat(postOnly.headers().firstValue("Allow")).hasValue("POST");
        var onRunbook = server.send("DELETE", "/runbooks/HTTPAPIDown", null);
        assertThat(onRunbook.statusCode()).isEqualTo(405);
        assertThat(onRunbook.headers().firstValue("Allow")).hasValue("GET, HEAD");
        var onScene = server.send("DELETE", "/scene", null);
        assertThat(onScene.headers().firstValue("Allow")).hasValue("GET, HEAD, POST, PUT");
    }

    @Test
    void headIsCountedAsHeadUnderTheRouteTemplate() throws Exception {
        String heads = "http_requests_total{endpoint=\"/health/ready\",method=\"HEAD\",status=\"200\"}";
        assertThat(server.metrics()).as("HEAD series are created by HEAD traffic, not pre-seeded")
                .doesNotContain("endpoint=\"/health/ready\",method=\"HEAD\"");
        for (int i = 0; i < 3; i++) {
            assertThat(head("/health/ready").statusCode()).isEqualTo(200);
        }
        head("/runbooks/NoSuchAlert");
        String metrics = server.metrics();
        assertThat(TestServer.sample(metrics, heads)).isEqualTo(3);
        assertThat(TestServer.sample(metrics,
                "http_requests_total{endpoint=\"/runbooks/:alert\",method=\"HEAD\",status=\"404\"}")).isEqualTo(1);
    }
}
