package dev.spacetime.benchmarks.load;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;

/**
 * Load-benchmark server (d): the same routes, instrumented the stock way, with {@code vertx-micrometer-metrics} and
 * Micrometer's Prometheus registry. Configured to measure what the api-server measures: per-route request count,
 * duration and request/response size histograms (route, method and status labels) and JVM metrics, scraped at
 * {@code /metrics}.
 */
public final class MicrometerVertxServer {

    private MicrometerVertxServer() {
    }

    public static Future<RouteServer> start(RouteServer.Options options) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(true)
                .addLabels(Label.HTTP_ROUTE)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true));
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(metrics))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        Router router = Router.router(vertx);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
        return RouteServer.start(vertx, router, options);
    }

    public static void main(String[] args) {
        RouteServer.serve(start(RouteServer.optionsOrExit(args)));
    }
}
