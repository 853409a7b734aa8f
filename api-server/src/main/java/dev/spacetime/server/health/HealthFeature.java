package dev.spacetime.server.health;

import dev.spacetime.catalog.Metrics;
import dev.spacetime.server.RouteFeature;
import dev.spacetime.server.Routes;
import dev.spacetime.server.ServerContext;
import dev.spacetime.server.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.OptionalDouble;

/**
 * The health routes. {@code /health} runs every check (bounded by the per-check timeout); {@code /health/quick}
 * reads memory and the last known state only; {@code /health/live} checks nothing (the process answers, so it is
 * alive); {@code /health/ready} reports the last periodic check (503 while unhealthy).
 */
public final class HealthFeature implements RouteFeature {

    @Override
    public void mount(Routes routes, ServerContext ctx) {
        HealthService health = ctx.health();

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
            ctx.monitoring().executeBlocking(MemoryProbe::usedMb, false).onComplete(ar -> {
                if (ar.failed()) {
                    rc.fail(ar.cause());
                    return;
                }
                HealthReport last = health.last();
                OptionalDouble fps = ctx.metrics().gaugeValue(Metrics.ENGINE_FPS);
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
