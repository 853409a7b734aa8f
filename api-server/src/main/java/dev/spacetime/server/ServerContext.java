package dev.spacetime.server;

import dev.spacetime.server.auth.TokenService;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.connections.ConnectionGuard;
import dev.spacetime.server.health.HealthService;
import dev.spacetime.server.http.RequestTracer;
import dev.spacetime.server.metrics.ServerMetrics;
import dev.spacetime.server.ratelimit.ClientAddress;
import dev.spacetime.server.ratelimit.RateLimiter;
import dev.spacetime.server.scene.SceneHost;
import dev.spacetime.server.workload.Workload;
import dev.spacetime.server.state.StateStore;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.Objects;

/** The shared services a {@link RouteFeature} and a health check can use. */
public final class ServerContext {
    private final Vertx vertx;
    private final ServerConfig config;
    private final Path projectRoot;
    private final ServerMetrics metrics;
    private final ConnectionGuard connections;
    private final TokenService tokens;
    private final RateLimiter rateLimiter;
    private final ClientAddress clientAddress;
    private final SceneHost scenes;
    private final Workload workload;
    private final WorkerExecutor monitoring;
    private final StateStore state;
    private volatile HealthService health;
    private volatile RequestTracer tracer = RequestTracer.NONE;

    ServerContext(Vertx vertx, ServerConfig config, Path projectRoot, ServerMetrics metrics,
                  ConnectionGuard connections, TokenService tokens, RateLimiter rateLimiter, SceneHost scenes,
                  Workload workload, WorkerExecutor monitoring,
                  StateStore state) {
        this.vertx = vertx;
        this.config = config;
        this.projectRoot = projectRoot;
        this.metrics = metrics;
        this.connections = connections;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.clientAddress = new ClientAddress(config.rateLimit().trustedProxies());
        this.scenes = scenes;
        this.workload = workload;
        this.monitoring = monitoring;
        this.state = state;
    }

    public Vertx vertx() {
        return vertx;
    }

    public ServerConfig config() {
        return config;
    }

    /** The project directory that plays {@code res://} (absolute). */
    public Path projectRoot() {
        return projectRoot;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public ConnectionGuard connections() {
        return connections;
    }

    public TokenService tokens() {
        return tokens;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public ClientAddress clientAddress() {
        return clientAddress;
    }

    /** The scene service and runtime over {@link #projectRoot()}. */
    public SceneHost scenes() {
        return scenes;
    }

    /** The bounded pool scene operations run on. */
    public Workload workload() {
        return workload;
    }

    /** The executor of the monitoring routes' blocking parts: never shared with the workload. */
    public WorkerExecutor monitoring() {
        return monitoring;
    }

    /** The state that survives restarts. */
    public StateStore state() {
        return state;
    }

    public HealthService health() {
        return health;
    }

    void health(HealthService service) {
        this.health = service;
    }

    /** The per-request tracer; {@link RequestTracer#NONE} until a feature (the profiler) installs one. */
    public RequestTracer tracer() {
        return tracer;
    }

    public void tracer(RequestTracer newTracer) {
        this.tracer = Objects.requireNonNull(newTracer);
    }
}
