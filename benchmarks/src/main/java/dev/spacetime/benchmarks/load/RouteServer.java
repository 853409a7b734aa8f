package dev.spacetime.benchmarks.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A comparison server of the load benchmark: fixed JSON bodies on {@code GET} routes, mounted on a Vert.x Web router
 * and served the way the api-server serves (one HTTP/1.1 server, no verticle, so one event loop), so the only
 * difference between the servers is what they measure.
 */
public record RouteServer(Vertx vertx, HttpServer server) {

    /** {@code --port N --route PATH=BODY_FILE...}; port 0 picks a free one. */
    public record Options(int port, Map<String, Buffer> routes) {

        public static final String USAGE = "usage: --port N --route PATH=BODY_FILE [--route PATH=BODY_FILE...]"
                + " (serves 127.0.0.1 only)";

        public Options {
            routes = Map.copyOf(routes);
        }

        public static Options parse(String[] args) throws IOException {
            Integer port = null;
            Map<String, Buffer> routes = new LinkedHashMap<>();
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException(USAGE);
            }
            for (int i = 0; i < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(value);
                    case "--route" -> {
                        int eq = value.indexOf('=');
                        if (!value.startsWith("/") || eq < 0) {
                            throw new IllegalArgumentException("--route needs PATH=BODY_FILE, got " + value);
                        }
                        routes.put(value.substring(0, eq),
                                Buffer.buffer(Files.readAllBytes(Path.of(value.substring(eq + 1)))));
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
                }
            }
            if (port == null || routes.isEmpty()) {
                throw new IllegalArgumentException(USAGE);
            }
            return new Options(port, routes);
        }
    }

    /** Mounts the routes on {@code router} (after whatever the caller mounted) and listens on loopback. */
    public static Future<RouteServer> start(Vertx vertx, Router router, Options options) {
        options.routes().forEach((path, body) -> router.get(path).handler(rc -> rc.response()
                .putHeader("Content-Type", "application/json").end(body)));
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(options.port())
                        .setHttp2ClearTextEnabled(false).setIdleTimeout(120).setIdleTimeoutUnit(TimeUnit.SECONDS))
                .requestHandler(router)
                .listen()
                .map(server -> new RouteServer(vertx, server));
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return vertx.close();
    }

    /** What the mains share: print the one {@code listening on} line the script waits for, stop on SIGTERM. */
    static void serve(Future<RouteServer> started) {
        RouteServer running = started.toCompletionStage().toCompletableFuture().join();
        System.out.println("listening on http://127.0.0.1:" + running.port());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> running.close().toCompletionStage().toCompletableFuture().join(), "shutdown"));
    }

    static Options optionsOrExit(String[] args) {
        try {
            return Options.parse(args);
        } catch (IOException | RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            throw new IllegalStateException(e);
        }
    }
}
