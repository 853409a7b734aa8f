package dev.spacetime.server;

import dev.spacetime.server.alerts.AlertWebhookFeature;
import dev.spacetime.server.alerts.LastHeartbeat;
import dev.spacetime.server.auth.TokenService;
import dev.spacetime.server.auth.admin.AuthFeature;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.connections.ConnectionGuard;
import dev.spacetime.server.health.AlertingCheck;
import dev.spacetime.server.health.ConnectionsCheck;
import dev.spacetime.server.health.FileSystemCheck;
import dev.spacetime.server.health.HealthCheck;
import dev.spacetime.server.health.HealthFeature;
import dev.spacetime.server.health.HealthService;
import dev.spacetime.server.health.MemoryCheck;
import dev.spacetime.server.metrics.ServerMetrics;
import dev.spacetime.server.metrics.exposition.MetricsFeature;
import dev.spacetime.server.profiling.ProfilingFeature;
import dev.spacetime.server.runbooks.RunbookFeature;
import dev.spacetime.server.routes.RouteFeature;
import dev.spacetime.server.scene.EngineCheck;
import dev.spacetime.server.scene.SceneFeature;
import dev.spacetime.server.scene.SceneHost;
import dev.spacetime.server.scene.SceneLoaderCheck;
import dev.spacetime.server.state.StateStore;
import dev.spacetime.server.viewer.ViewerFeature;
import dev.spacetime.server.workload.Workload;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The one place that lists what the server is made of: its route features and its health subsystems, each built
 * here with exactly the services it uses (its constructor arguments say which). The services are the ones
 * {@link ApiServer} created and closes; only the start-up code sees this record, no feature or check does.
 *
 * @param projectRoot the project directory that plays {@code res://} (absolute)
 * @param monitoring  the executor of the monitoring routes' blocking parts: never shared with the workload
 * @param heartbeat   the dead man's switch: the webhook records it, the {@code alerting} subsystem judges it
 * @param clock       the server's clock (tests move it by hand)
 */
record Modules(Vertx vertx, ServerConfig config, Path projectRoot, ServerMetrics metrics,
               ConnectionGuard connections, StateStore state, TokenService tokens, SceneHost scenes,
               Workload workload, WorkerExecutor monitoring, LastHeartbeat heartbeat, Clock clock) {

    /** Mounted in this order (routes are independent; the order only fixes declaration order). */
    List<RouteFeature> features(HealthService health, ProfilingFeature profiling) {
        return List.of(
                new HealthFeature(health, monitoring, metrics),
                new MetricsFeature(metrics.registry(), monitoring),
                new AuthFeature(tokens, config.tokenFile()),
                new SceneFeature(scenes, workload),
                new AlertWebhookFeature(state, metrics, vertx, tokens, config.alertWebhookTokenPath(), heartbeat,
                        clock),
                profiling,
                new RunbookFeature(),
                new ViewerFeature());
    }

    /**
     * The profiler with its routes. Built before anything is mounted: its tracer observes every request from the
     * first one on.
     */
    ProfilingFeature profiling() {
        return new ProfilingFeature(config.profiler(), config.instrumentation().enabled(), state, monitoring);
    }

    /** Health subsystems, by name in /health and {@code health_status{subsystem}}. */
    List<HealthCheck> healthChecks() {
        ServerConfig.Health h = config.health();
        return List.of(
                new MemoryCheck(h.memoryDegradedMb(), h.memoryUnhealthyMb()),
                new FileSystemCheck(projectRoot),
                new ConnectionsCheck(connections::open, h.connectionsDegraded(), h.connectionsUnhealthy()),
                new SceneLoaderCheck(scenes),
                new EngineCheck(scenes),
                new AlertingCheck(heartbeat::get, config.alerting().heartbeatWindow(), clock));
    }
}
