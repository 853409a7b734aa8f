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
import java.util.concurrent.TimeUnit;

/**
 * A comparison server of the load benchmark: one route answering a fixed JSON body, mounted on a Vert.x Web router
 * and served the way the api-server serves (one HTTP/1.1 server, no verticle, so one event loop), so the only
 * difference between the servers is what they measure.
 */
public record RouteServer(Vertx vertx, HttpServer server) {

    /** {@code --port N --route PATH --body-file FILE}; port 0 picks a free one. */
    public record Options(int port, String route, Buffer body) {

        public static final String USAGE = "usage: --port N --route PATH --body-file FILE (serves 127.0.0.1 only)";

        public static Options parse(String[] args) throws IOException {
            Integer port = null;
            String route = null;
            Buffer body = null;
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[i + 1]);
                    case "--route" -> route = args[i + 1];
                    case "--body-file" -> body = Buffer.buffer(Files.readAllBytes(Path.of(args[i + 1])));
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
                }
            }
            if (args.length % 2 != 0 || port == null || route == null || body == null) {
                throw new IllegalArgumentException(USAGE);
            }
            return new Options(port, route, body);
        }
    }

    /** Mounts {@code GET route} on {@code router} (after whatever the caller mounted) and listens on loopback. */
    public static Future<RouteServer> start(Vertx vertx, Router router, Options options) {
        router.get(options.route()).handler(rc -> rc.response().putHeader("Content-Type", "application/json")
                .end(options.body()));
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
