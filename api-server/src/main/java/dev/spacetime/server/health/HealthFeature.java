package dev.spacetime.server.health;

import dev.spacetime.catalog.Metrics;
import dev.spacetime.server.http.Responses;
import dev.spacetime.server.metrics.ServerMetrics;
import dev.spacetime.server.routes.RouteFeature;
import dev.spacetime.server.routes.Routes;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.OptionalDouble;

/**
 * The health routes. {@code /health} runs every check (bounded by the per-check timeout); {@code /health/quick}
 * reads memory and the last known state only; {@code /health/live} checks nothing (the process answers, so it is
 * alive); {@code /health/ready} reports the last periodic check (503 while unhealthy).
 */
public final class HealthFeature implements RouteFeature {
    private final HealthService health;
    private final WorkerExecutor monitoring;
    private final ServerMetrics metrics;

    /** Reports {@code health}'s checks; {@code /health/quick} reads memory on {@code monitoring}, fps from metrics. */
    public HealthFeature(HealthService health, WorkerExecutor monitoring, ServerMetrics metrics) {
        this.health = health;
        this.monitoring = monitoring;
        this.metrics = metrics;
    }

    @Override
    public void mount(Routes routes) {
        routes.get("/health").successStatuses(200, 503).handler(rc ->
                Future.fromCompletionStage(health.check(), rc.vertx().getOrCreateContext()).onComplete(ar -> {
                    if (ar.failed()) {
                        rc.fail(ar.cause());
                        return;
                    }
                    HealthReport report = ar.result();
                    Responses.json(rc, report.healthy() ? 200 : 503, report.toJson());
                }));

        routes.get("/health/quick").handler(rc -> {
            long start = System.nanoTime();
            monitoring.executeBlocking(MemoryProbe::usedMb, false).onComplete(ar -> {
                if (ar.failed()) {
                    rc.fail(ar.cause());
                    return;
                }
                HealthReport last = health.last();
                OptionalDouble fps = metrics.gaugeValue(Metrics.ENGINE_FPS);
                Responses.json(rc, 200, new JsonObject()
                        .put("healthy", last == null || last.healthy())
                        .put("check_duration_ms", (System.nanoTime() - start) / 1e6)
                        .put("memory_mb", ar.result())
                        // null, not a made-up number, until a scene runtime measures its frame rate
                        .put("fps", fps.isPresent() ? fps.getAsDouble() : null));
            });
        });

        Buffer alive = Responses.constant(new JsonObject().put("status", "alive"));
        routes.get("/health/live").handler(rc -> Responses.send(rc, 200, alive));

        routes.get("/health/ready").successStatuses(200, 503).handler(rc -> {
            HealthReport last = health.last();
            boolean ready = last != null && last.healthy();
            Responses.json(rc, ready ? 200 : 503, new JsonObject()
                    .put("ready", ready)
                    .put("status", last == null ? "starting" : last.overall().label()));
        });
    }
}
