package dev.spacetime.benchmarks;

import dev.spacetime.catalog.Labels;
import dev.spacetime.server.metrics.HttpMetrics;
import java.util.List;

/**
 * Twenty of the api-server's (method, endpoint) pairs (declared routes and the unmatched endpoint), the same as
 * {@code scripts/bench-load.sh} sends before measuring {@code /metrics}, for benchmarks that need that registry.
 */
final class LoadRoutes {

    record Route(String method, String endpoint) {
    }

    static final List<Route> ALL = List.of(
            get("/health"), get("/health/quick"), get("/health/live"), get("/health/ready"), get("/metrics"),
            get("/auth/status"), post("/auth/rotate"), post("/auth/revoke"), post("/auth/token"),
            post("/scene"), get("/scene"), new Route("PUT", "/scene"), post("/scene/reload"), get("/scene/history"),
            get("/scenes"), get("/scene/dump"), get("/debug/profile"), get("/debug/profile/summary"),
            get("/alerts"), get(Labels.UNMATCHED_ENDPOINT));

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
