package dev.spacetime.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of the load benchmark's servers (c) and (d): they start on a free port and answer their routes. */
class ComparisonServersTest {

    private static final String BODY = "{\"status\":\"alive\"}";

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void bareServerAnswersTheRouteWithTheBody() throws Exception {
        RouteServer server = start(BareVertxServer::start);
        try {
            assertThat(get(server, "/health/live")).satisfies(r -> {
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo(BODY);
                assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            });
            assertThat(get(server, "/metrics").statusCode()).isEqualTo(404);
        } finally {
            await(server.close());
        }
    }

    @Test
    void micrometerServerAnswersTheRouteAndExposesItsRequestMetrics() throws Exception {
        RouteServer server = start(MicrometerVertxServer::start);
        try {
            HttpResponse<String> response = get(server, "/health/live");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(BODY);
            HttpResponse<String> metrics = get(server, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("vertx_http_server_requests_total{code=\"200\",method=\"GET\",route=\"/health/live\"} 1.0")
                    .contains("vertx_http_server_response_time_seconds_bucket{")
                    .contains("jvm_memory_used_bytes");
        } finally {
            await(server.close());
        }
    }

    @Test
    void optionsRejectIncompleteArguments() throws IOException {
        Path body = Files.writeString(dir.resolve("body.json"), BODY);
        assertThatThrownBy(() -> RouteServer.Options.parse(new String[] {"--port", "0"}))
                .hasMessageContaining("usage");
        assertThatThrownBy(() -> RouteServer.Options.parse(new String[] {"--port", "0", "--route", "/x"}))
                .hasMessageContaining("PATH=BODY_FILE");
        assertThatThrownBy(() -> RouteServer.Options.parse(new String[] {"--bogus", "1"}))
                .hasMessageContaining("unknown option --bogus");
        assertThat(RouteServer.Options.parse(new String[] {"--port", "0", "--route", "/x=" + body}).routes())
                .containsOnlyKeys("/x");
    }

    private RouteServer start(Function<RouteServer.Options, Future<RouteServer>> starter) throws Exception {
        Path body = Files.writeString(dir.resolve("body.json"), BODY);
        return await(starter.apply(RouteServer.Options.parse(
                new String[] {"--port", "0", "--route", "/health/live=" + body})));
    }

    private HttpResponse<String> get(RouteServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
}
