package dev.spacetime.server.profiling;

import dev.spacetime.profiler.ProfileView;
import dev.spacetime.profiler.Profiler;
import dev.spacetime.profiler.ProfilerSettings;
import dev.spacetime.profiler.Ticker;
import dev.spacetime.profiler.report.ProfileReport;
import dev.spacetime.server.RouteFeature;
import dev.spacetime.server.Routes;
import dev.spacetime.server.ServerContext;
import dev.spacetime.server.auth.Role;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.http.ApiException;
import dev.spacetime.server.http.Phases;
import dev.spacetime.server.http.RequestContext;
import dev.spacetime.server.http.Responses;
import dev.spacetime.server.ratelimit.RouteGroup;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The request profiler of the running server. Installs the {@link ProfilingTracer} (unless the configuration turns
 * instrumentation off) and serves what it kept; GETs need a reader token, changes an admin token.
 * <ul>
 *   <li>{@code GET /debug/profile}: recent and slow requests with their phases, phase and endpoint statistics,
 *   filters applied, totals, settings; filters {@code endpoint, method, status, slow_only, min_duration_ms, limit}</li>
 *   <li>{@code GET /debug/profile/summary}: the statistics, the slowest request, totals and settings</li>
 *   <li>{@code POST /debug/profile {"enabled","sample_rate","slow_threshold_ms","capacity","slow_capacity"}}</li>
 *   <li>{@code POST /debug/profile/clear}: drops every kept profile</li>
 *   <li>{@code GET /debug/profile/flamegraph?request_id=&format=speedscope|chrome|folded}: a download</li>
 * </ul>
 * Statistics and bodies are computed and encoded on the monitoring executor: with a large capacity they take
 * milliseconds, and the profiler must stay readable while scene work saturates its own pool.
 */
public final class ProfilingFeature implements RouteFeature {

    public static final String PATH = "/debug/profile";

    @Override
    public void mount(Routes routes, ServerContext ctx) {
        boolean instrumented = ctx.config().instrumentation().enabled();
        Profiler profiler = new Profiler(settings(ctx.config().profiler(), instrumented), Ticker.SYSTEM);
        if (instrumented) {
            ctx.tracer(new ProfilingTracer(profiler));
        }

        routes.get(PATH).role(Role.READER).limit(RouteGroup.DEFAULT).handler(rc ->
                report(rc, ctx, profiler, ProfileReport::debugProfile));

        routes.get(PATH + "/summary").role(Role.READER).limit(RouteGroup.DEFAULT).handler(rc ->
                report(rc, ctx, profiler, ProfileReport::summary));

        routes.post(PATH).role(Role.ADMIN).limit(RouteGroup.DEFAULT).jsonBody().handler(rc -> {
            Map<String, Object> changes = RequestContext.of(rc).json().getMap();
            if (!instrumented && Boolean.TRUE.equals(changes.get(ProfilerSettings.ENABLED))) {
                throw new ApiException(409, "instrumentation is off in the server configuration"
                        + " (instrumentation.enabled: false): no request can be profiled");
            }
            ProfilerSettings updated;
            try {
                updated = profiler.updateSettings(s -> s.withChanges(changes));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, e.getMessage());
            }
            Responses.json(rc, 200, new JsonObject()
                    .put("settings", new JsonObject(ProfileReport.settings(updated)))
                    .put("totals", new JsonObject(ProfileReport.totals(profiler.totals()))));
        });

        routes.post(PATH + "/clear").role(Role.ADMIN).limit(RouteGroup.DEFAULT).jsonBody().handler(rc -> {
            profiler.clear();
            Responses.json(rc, 200, new JsonObject()
                    .put("cleared", true)
                    .put("totals", new JsonObject(ProfileReport.totals(profiler.totals()))));
        });

        routes.get(PATH + "/flamegraph").role(Role.READER).limit(RouteGroup.DEFAULT).handler(rc -> {
            ProfileParameters params = ProfileParameters.of(rc);
            offload(rc, ctx, () -> {
                try (var ignored = RequestContext.of(rc).phase(Phases.SERIALIZATION)) {
                    return FlameGraphs.render(profiler, params);
                }
            }, graph -> rc.response()
                    .putHeader("Content-Type", graph.contentType())
                    .putHeader("Content-Disposition", "attachment; filename=\"" + graph.fileName() + "\"")
                    .end(graph.body()));
        });
    }

    /** The startup settings: the configured ones, disabled when the server is not instrumented. */
    static ProfilerSettings settings(ServerConfig.Profiling config, boolean instrumented) {
        return ProfilerSettings.DEFAULTS
                .withEnabled(config.enabled() && instrumented)
                .withSampleRate(config.sampleRate())
                .withSlowThresholdMillis(config.slowThresholdMs())
                .withCapacity(config.capacity());
    }

    private static void report(RoutingContext rc, ServerContext ctx, Profiler profiler,
                               Function<ProfileView, Map<String, Object>> body) {
        ProfileParameters params = ProfileParameters.of(rc);
        offload(rc, ctx, () -> Responses.encode(rc, new JsonObject(body.apply(profiler.view(params.query())))),
                json -> Responses.send(rc, 200, json));
    }

    /**
     * Runs {@code work} on the monitoring executor, then {@code send} on the event loop; failures go to the error
     * handler.
     */
    private static <T> void offload(RoutingContext rc, ServerContext ctx, Callable<T> work, Consumer<T> send) {
        ctx.monitoring().executeBlocking(work, false).onComplete(ar -> {
            if (ar.succeeded()) {
                send.accept(ar.result());
            } else {
                rc.fail(ar.cause());
            }
        });
    }
}
