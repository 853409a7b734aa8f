package dev.spacetime.server.profiling;

import dev.spacetime.profiler.ProfileView;
import dev.spacetime.profiler.Profiler;
import dev.spacetime.profiler.ProfilerSettings;
import dev.spacetime.profiler.Ticker;
import dev.spacetime.profiler.report.ProfileReport;
import dev.spacetime.server.auth.Role;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.http.ApiException;
import dev.spacetime.server.http.Phases;
import dev.spacetime.server.http.RequestContext;
import dev.spacetime.server.http.RequestTracer;
import dev.spacetime.server.http.Responses;
import dev.spacetime.server.ratelimit.RouteGroup;
import dev.spacetime.server.routes.RouteFeature;
import dev.spacetime.server.routes.Routes;
import dev.spacetime.server.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The request profiler of the running server: its {@link #tracer()} (a {@link ProfilingTracer}, unless the
 * configuration turns instrumentation off) observes every request, and its routes serve what it kept; GETs need a
 * reader token, changes an admin token.
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
 *
 * <p>Settings changed with {@code POST /debug/profile} survive restarts: every change is stored (the POST answers once
 * it is) and at startup the stored changes are applied over the configured settings, so a setting never changed at
 * run time follows the configuration.
 */
public final class ProfilingFeature implements RouteFeature {

    public static final String PATH = "/debug/profile";
    /** The setting under which the run-time changes are kept, as one JSON object. */
    static final String CHANGES = "profiler.changes";
    private static final Logger LOG = Logger.getLogger(ProfilingFeature.class.getName());

    private final boolean instrumented;
    private final StateStore state;
    private final WorkerExecutor monitoring;
    /** Every setting changed at run time, as stored (guarded by itself). */
    private final JsonObject changed;
    private final Profiler profiler;
    private final RequestTracer tracer;

    /**
     * The profiler with the configured settings and, over them, the changes kept in {@code state} by earlier runs.
     * Built before any route is mounted: its {@link #tracer()} observes every request. Reports are computed on
     * {@code monitoring}.
     */
    public ProfilingFeature(ServerConfig.Profiling config, boolean instrumented, StateStore state,
                            WorkerExecutor monitoring) {
        this.instrumented = instrumented;
        this.state = state;
        this.monitoring = monitoring;
        this.changed = kept(state, instrumented);
        this.profiler = new Profiler(settings(config, instrumented).withChanges(changed.getMap()), Ticker.SYSTEM);
        this.tracer = instrumented ? new ProfilingTracer(profiler) : RequestTracer.NONE;
    }

    /** What traces each request: the profiler, or nothing when the server is not instrumented. */
    public RequestTracer tracer() {
        return tracer;
    }

    @Override
    public void mount(Routes routes) {
        routes.get(PATH).role(Role.READER).limit(RouteGroup.DEFAULT).handler(rc ->
                report(rc, ProfileReport::debugProfile));

        routes.get(PATH + "/summary").role(Role.READER).limit(RouteGroup.DEFAULT).handler(rc ->
                report(rc, ProfileReport::summary));

        routes.post(PATH).role(Role.ADMIN).limit(RouteGroup.DEFAULT).jsonBody().handler(rc -> {
            Map<String, Object> changes = RequestContext.of(rc).json().getMap();
            if (!instrumented && Boolean.TRUE.equals(changes.get(ProfilerSettings.ENABLED))) {
                throw new ApiException(409, "instrumentation is off in the server configuration"
                        + " (instrumentation.enabled: false): no request can be profiled");
            }
            ProfilerSettings updated;
            CompletableFuture<Void> saved;
            // The change and its queueing under one lock, so the last change stored is the last one made.
            synchronized (changed) {
                try {
                    updated = profiler.updateSettings(s -> s.withChanges(changes));
                } catch (IllegalArgumentException e) {
                    throw new ApiException(400, e.getMessage());
                }
                changes.forEach(changed::put);
                saved = state.putSetting(CHANGES, changed.encode());
            }
            Future.fromCompletionStage(saved, rc.vertx().getOrCreateContext()).onComplete(ar -> {
                if (ar.failed()) {
                    rc.fail(StateStore.reply(ar.cause()));
                } else {
                    Responses.json(rc, 200, new JsonObject()
                            .put("settings", new JsonObject(ProfileReport.settings(updated)))
                            .put("totals", new JsonObject(ProfileReport.totals(profiler.totals()))));
                }
            });
        });

        routes.post(PATH + "/clear").role(Role.ADMIN).limit(RouteGroup.DEFAULT).jsonBody().handler(rc -> {
            profiler.clear();
            Responses.json(rc, 200, new JsonObject()
                    .put("cleared", true)
                    .put("totals", new JsonObject(ProfileReport.totals(profiler.totals()))));
        });

        routes.get(PATH + "/flamegraph").role(Role.READER).limit(RouteGroup.DEFAULT).handler(rc -> {
            ProfileParameters params = ProfileParameters.of(rc);
            offload(rc, () -> {
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

    /**
     * The changes kept from earlier runs. {@code enabled} is left out when instrumentation is off (then nothing can
     * be profiled); changes that cannot be read are ignored with a warning.
     */
    private static JsonObject kept(StateStore state, boolean instrumented) {
        JsonObject changes;
        try {
            changes = new JsonObject(state.restored().setting(CHANGES).orElse("{}"));
            // Each value is checked on its own, so what applies to the defaults applies to any settings.
            ProfilerSettings.DEFAULTS.withChanges(changes.getMap());
        } catch (RuntimeException e) {
            LOG.warning("kept profiler settings ignored: " + e.getMessage());
            return new JsonObject();
        }
        if (!instrumented) {
            changes.remove(ProfilerSettings.ENABLED);
        }
        return changes;
    }

    private void report(RoutingContext rc, Function<ProfileView, Map<String, Object>> body) {
        ProfileParameters params = ProfileParameters.of(rc);
        offload(rc, () -> Responses.encode(rc, new JsonObject(body.apply(profiler.view(params.query())))),
                json -> Responses.send(rc, 200, json));
    }

    /**
     * Runs {@code work} on the monitoring executor, then {@code send} on the event loop; failures go to the error
     * handler.
     */
    private <T> void offload(RoutingContext rc, Callable<T> work, Consumer<T> send) {
        monitoring.executeBlocking(work, false).onComplete(ar -> {
            if (ar.succeeded()) {
                send.accept(ar.result());
            } else {
                rc.fail(ar.cause());
            }
        });
    }
}
