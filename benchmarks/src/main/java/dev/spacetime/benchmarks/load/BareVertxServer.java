package dev.spacetime.benchmarks.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Load-benchmark server (c): Vert.x Web answering the routes, nothing measured. */
public final class BareVertxServer {

    private BareVertxServer() {
    }

    public static Future<RouteServer> start(RouteServer.Options options) {
        Vertx vertx = Vertx.vertx();
        return RouteServer.start(vertx, Router.router(vertx), options);
    }

    public static void main(String[] args) {
        RouteServer.serve(start(RouteServer.optionsOrExit(args)));
    }
}
