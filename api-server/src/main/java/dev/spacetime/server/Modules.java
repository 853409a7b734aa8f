package dev.spacetime.server;

import dev.spacetime.server.alerts.AlertWebhookFeature;
import dev.spacetime.server.auth.AuthFeature;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.health.ConnectionsCheck;
import dev.spacetime.server.health.FileSystemCheck;
import dev.spacetime.server.health.HealthCheck;
import dev.spacetime.server.health.HealthFeature;
import dev.spacetime.server.health.MemoryCheck;
import dev.spacetime.server.metrics.MetricsFeature;
import dev.spacetime.server.profiling.ProfilingFeature;
import dev.spacetime.server.runbooks.RunbookFeature;
import dev.spacetime.server.scene.EngineCheck;
import dev.spacetime.server.scene.SceneFeature;
import dev.spacetime.server.scene.SceneLoaderCheck;
import dev.spacetime.server.viewer.ViewerFeature;
import java.util.List;

/** The one place that lists what the server is made of: its route features and its health subsystems. */
final class Modules {

    private Modules() {
    }

    /** Mounted in this order (routes are independent; the order only fixes declaration order). */
    static List<RouteFeature> features() {
        return List.of(
                new HealthFeature(),
                new MetricsFeature(),
                new AuthFeature(),
                new SceneFeature(),
                new AlertWebhookFeature(),
                new ProfilingFeature(),
                new RunbookFeature(),
                new ViewerFeature());
    }

    /** Health subsystems, by name in /health and {@code health_status{subsystem}}. */
    static List<HealthCheck> healthChecks(ServerContext ctx) {
        ServerConfig.Health h = ctx.config().health();
        return List.of(
                new MemoryCheck(h.memoryDegradedMb(), h.memoryUnhealthyMb()),
                new FileSystemCheck(ctx.projectRoot()),
                new ConnectionsCheck(ctx.connections()::open, h.connectionsDegraded(), h.connectionsUnhealthy()),
                new SceneLoaderCheck(ctx.scenes()),
                new EngineCheck(ctx.scenes()));
    }
}
