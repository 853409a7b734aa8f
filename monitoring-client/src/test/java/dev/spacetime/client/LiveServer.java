package dev.spacetime.client;

import dev.spacetime.scene.project.DemoProject;
import dev.spacetime.server.ApiServer;
import dev.spacetime.server.config.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The real API server on a free loopback port, serving a copy of the demo project, its token written under a
 * temporary home directory, and the client run in-process against it with a chosen environment.
 */
public final class LiveServer implements AutoCloseable {
    public final ApiServer server;
    public final Path home;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LiveServer(ApiServer server, Path home) {
        this.server = server;
        this.home = home;
    }

    public static LiveServer start() throws Exception {
        return start(c -> c);
    }

    public static LiveServer start(UnaryOperator<ServerConfig> tweak) throws Exception {
        Path home = Files.createTempDirectory("client-test-");
        ServerConfig config = ServerConfig.defaults().withPort(0)
                .withTokenFile(home.resolve(".spacetime/token"))
                .withStateDir(home.resolve(".spacetime/state"))
                .withProjectRoot(DemoProject.materialise(home.resolve("project")));
        return new LiveServer(ApiServer.start(tweak.apply(config)), home);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public String token() throws IOException {
        return Files.readString(home.resolve(".spacetime/token")).trim();
    }

    /** What one client run printed and returned. */
    public record Run(int exit, String out, String err) {
    }

    /** The client with {@code --url} of this server, home (and so the default token file) in the temp directory. */
    public Run client(String... args) {
        return client(Map.of(), false, args);
    }

    public Run client(Map<String, String> env, boolean console, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--url=" + url();
        System.arraycopy(args, 0, all, 1, args.length);
        return run(new Environment(env, console, home), all);
    }

    /** The client with exactly these arguments. */
    public static Run run(Environment env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(env, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A GET with no client involved (traffic for the metrics to count). */
    public int get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The raw exposition. */
    public String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A loopback port nothing listens on (bound, then released). */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static Map<String, String> env(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (var paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
