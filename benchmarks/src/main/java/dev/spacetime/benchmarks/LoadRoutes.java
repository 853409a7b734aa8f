package dev.spacetime.benchmarks;

import dev.spacetime.catalog.Labels;
import dev.spacetime.server.metrics.HttpMetrics;
import java.util.List;

/**
 * The api-server's twenty (method, endpoint) pairs (its declared routes and the unmatched endpoint), for benchmarks
 * that need the registry a server has after traffic on all of them.
 */
final class LoadRoutes {

    record Route(String method, String endpoint) {
    }

    static final List<Route> ALL = List.of(
            get("/health"), get("/health/quick"), get("/health/live"), get("/health/ready"), get("/metrics"),
            get("/auth/status"), post("/auth/rotate"), post("/auth/revoke"), post("/auth/token"),
            post("/scene"), get("/scene"), new Route("PUT", "/scene"), post("/scene/reload"), get("/scene/history"),
            get("/scenes"), get("/scene/dump"), post("/alerts/webhook"), get("/alerts"),
            get(Labels.UNMATCHED_ENDPOINT), post(Labels.UNMATCHED_ENDPOINT));

    private LoadRoutes() {
    }

    /** Records one success and one server error on every route, as after a little traffic. */
    static void traffic(HttpMetrics http) {
        for (Route r : ALL) {
            var series = http.series(r.method(), r.endpoint());
            series.record(r.endpoint().equals(Labels.UNMATCHED_ENDPOINT) ? 404 : 200, 0, 200, 2_000_000);
            series.record(500, 0, 60, 9_000_000);
        }
    }

    private static Route get(String path) {
        return new Route("GET", path);
    }

    private static Route post(String path) {
        return new Route("POST", path);
    }
}
