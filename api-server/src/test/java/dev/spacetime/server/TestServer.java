package dev.spacetime.server;

import dev.spacetime.scene.project.DemoProject;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.http.RequestTracer;
import dev.spacetime.server.routes.RouteFeature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real server on a free loopback port, with a temporary token file, state directory and copy of the demo project as
 * its root, and an HTTP client.
 */
final class TestServer implements AutoCloseable {
    /** Known to tests so they can forge expired tokens with a valid signature. */
    static final String SECRET = "test-secret-test-secret-test-secret-0123456789";

    final ApiServer server;
    final Path dir;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(ApiServer server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    static TestServer start() throws Exception {
        return start(c -> c, List.of());
    }

    static TestServer start(UnaryOperator<ServerConfig> tweak) throws Exception {
        return start(tweak, List.of());
    }

    /** With these routes mounted after the standard ones. */
    static TestServer start(UnaryOperator<ServerConfig> tweak, List<RouteFeature> extra) throws Exception {
        return start(tweak, modules -> extra, Optional.empty(), Clock.systemUTC());
    }

    /** With the routes built from the server's modules mounted after the standard ones. */
    static TestServer start(UnaryOperator<ServerConfig> tweak, Function<Modules, List<RouteFeature>> extra)
            throws Exception {
        return start(tweak, extra, Optional.empty(), Clock.systemUTC());
    }

    /** With {@code tracer} observing every request instead of the profiler. */
    static TestServer start(UnaryOperator<ServerConfig> tweak, RequestTracer tracer) throws Exception {
        return start(tweak, modules -> List.of(), Optional.of(tracer), Clock.systemUTC());
    }

    /** With {@code clock} as the server's clock. */
    static TestServer start(UnaryOperator<ServerConfig> tweak, Clock clock) throws Exception {
        return start(tweak, modules -> List.of(), Optional.empty(), clock);
    }

    private static TestServer start(UnaryOperator<ServerConfig> tweak, Function<Modules, List<RouteFeature>> extra,
                                    Optional<RequestTracer> tracer, Clock clock) throws Exception {
        Path dir = Files.createTempDirectory("spacetime-test-");
        // The demo project, as the server serves without a root, but in a directory the test owns.
        Path project = DemoProject.materialise(dir.resolve("project"));
        ServerConfig base = ServerConfig.defaults().withPort(0).withTokenFile(dir.resolve("home/.spacetime/token"))
                .withProjectRoot(project).withStateDir(dir.resolve("home/.spacetime/state"));
        base = base.withAuth(new ServerConfig.Auth(Optional.of(SECRET), base.auth().tokenTtl(),
                base.auth().rotationGrace()));
        return new TestServer(ApiServer.start(tweak.apply(base), extra, tracer, clock), dir);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    String adminToken() throws IOException {
        return Files.readString(server.modules().config().tokenFile()).trim();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(uri(path)).method(method, publisher), headers);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String... headers) throws Exception {
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The Prometheus text exposition. */
    String metrics() throws Exception {
        return get("/metrics").body();
    }

    /** The value of one sample line ({@code name{labels}} exactly as exposed), or NaN if absent. */
    static double sample(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        return Double.NaN;
    }

    /** An HS256 JWT signed with {@code secret}, header and payload given as JSON text. */
    static String jwt(String headerJson, String payloadJson, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The decoded payload of a JWT, as JSON text. */
    static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
