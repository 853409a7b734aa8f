package dev.spacetime.server;

import dev.spacetime.catalog.Metrics;
import dev.spacetime.scene.project.DemoProject;
import dev.spacetime.server.alerts.LastHeartbeat;
import dev.spacetime.server.auth.Role;
import dev.spacetime.server.auth.TokenFile;
import dev.spacetime.server.auth.TokenService;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.connections.ConnectionGuard;
import dev.spacetime.server.health.HealthService;
import dev.spacetime.server.http.ErrorHandler;
import dev.spacetime.server.http.InvalidRequestHandler;
import dev.spacetime.server.http.RequestObserver;
import dev.spacetime.server.http.RequestTracer;
import dev.spacetime.server.metrics.ServerMetrics;
import dev.spacetime.server.profiling.ProfilingFeature;
import dev.spacetime.server.ratelimit.ClientAddress;
import dev.spacetime.server.ratelimit.RateLimiter;
import dev.spacetime.server.routes.RouteFeature;
import dev.spacetime.server.routes.Routes;
import dev.spacetime.server.scene.SceneHost;
import dev.spacetime.server.workload.Workload;
import dev.spacetime.server.state.StateStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The running API server: creates the shared services, has {@link Modules} build the features and health checks from
 * them, mounts the routes, listens, runs the periodic jobs, and closes it all.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ApiServer.class.getName());
    private static final Duration RATE_LIMIT_SWEEP = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final HttpServer server;
    private final Modules modules;
    private final HealthService health;
    private final Routes routes;
    private final Optional<Path> tempProjectRoot;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ApiServer(Vertx vertx, HttpServer server, Modules modules, HealthService health, Routes routes,
                      Optional<Path> tempProjectRoot) {
        this.vertx = vertx;
        this.server = server;
        this.modules = modules;
        this.health = health;
        this.routes = routes;
        this.tempProjectRoot = tempProjectRoot;
    }

    /** Starts everything and returns once the server accepts connections. */
    public static ApiServer start(ServerConfig config) throws StartupException {
        return start(config, modules -> List.of(), Optional.empty(), Clock.systemUTC());
    }

    /**
     * As {@link #start(ServerConfig)}, for tests: the features {@code extraFeatures} builds from the server's modules
     * are mounted after the standard ones, {@code tracer}, when given, observes requests instead of the profiler, and
     * {@code clock} is the server's clock.
     */
    static ApiServer start(ServerConfig config, Function<Modules, List<RouteFeature>> extraFeatures,
                           Optional<RequestTracer> tracer, Clock clock) throws StartupException {
        Optional<Path> temp = Optional.empty();
        Path projectRoot;
        try {
            if (config.projectRoot().isPresent()) {
                projectRoot = config.projectRoot().get().toAbsolutePath().normalize();
            } else {
                // The embedded demo project, written out so it is served by the same file-based code path.
                projectRoot = DemoProject.extractToTempDirectory();
                temp = Optional.of(projectRoot);
            }
        } catch (IOException e) {
            throw new StartupException("cannot write the demo project: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(projectRoot)) {
            throw new StartupException("project root " + projectRoot + " is not a directory", null);
        }
        Vertx vertx = Vertx.vertx();
        try {
            return start(config, vertx, projectRoot, temp, extraFeatures, tracer, clock);
        } catch (StartupException | RuntimeException e) {
            await(vertx.close(), Duration.ofSeconds(5));
            temp.ifPresent(ApiServer::deleteQuietly);
            throw e;
        }
    }

    private static ApiServer start(ServerConfig config, Vertx vertx, Path projectRoot, Optional<Path> temp,
                                   Function<Modules, List<RouteFeature>> extraFeatures,
                                   Optional<RequestTracer> tracer, Clock clock) throws StartupException {
        ServerMetrics metrics = new ServerMetrics();
        ConnectionGuard connections = new ConnectionGuard(vertx, config.connections(), metrics);
        metrics.gaugeSource(Metrics.ACTIVE_CONNECTIONS, connections::open);

        StateStore state;
        try {
            state = StateStore.open(config.stateDir(), clock);
        } catch (IOException e) {
            throw new StartupException("cannot use the state directory " + config.stateDir() + ": "
                    + e.getMessage(), e);
        }
        TokenService tokens = new TokenService(vertx, config.auth(), clock, state);
        RateLimiter limiter = new RateLimiter(config.rateLimit().perMinute(), config.rateLimit().maxBuckets(),
                System::nanoTime);
        SceneHost scenes;
        try {
            scenes = SceneHost.create(config.scenes(), projectRoot, metrics);
        } catch (IOException e) {
            state.close();
            throw new StartupException("cannot open the project root " + projectRoot + ": " + e, e);
        }
        // The kept history first, then every load is stored (from the loading thread: write() never blocks).
        scenes.service().restoreHistory(state.restored().sceneHistory());
        int historySize = scenes.service().config().historySize();
        scenes.service().onRecord(r -> state.sceneHistory().append(r, historySize));
        // Before the first health check, so the engine subsystem sees a running loop.
        String scenesStarted = scenes.start();
        Workload workload = new Workload(vertx, config.workload(), connections, metrics);
        try {
            // Two threads: /metrics and /health/quick take milliseconds; they must never queue behind scene work.
            Modules modules = new Modules(vertx, config, projectRoot, metrics, connections, state, tokens, scenes,
                    workload, vertx.createSharedWorkerExecutor("spacetime-monitoring", 2),
                    new LastHeartbeat(state, metrics), clock);
            HealthService health = new HealthService(modules.healthChecks(), config.health().checkTimeout(),
                    metrics.gauge(Metrics.HEALTH_STATUS));
            // The first report sets the health gauges before anyone can scrape.
            health.check().join();
            ProfilingFeature profiling = modules.profiling();
            metrics.http().keptProfiles(profiling::keptProfiles);

            Router router = Router.router(vertx);
            router.route().handler(new RequestObserver(metrics.http(), tracer.orElse(profiling.tracer()),
                    config.instrumentation().enabled()));
            Routes routes = new Routes(router, metrics, tokens, limiter,
                    new ClientAddress(config.rateLimit().trustedProxies()));
            List<RouteFeature> features = new ArrayList<>(modules.features(health, profiling));
            features.addAll(extraFeatures.apply(modules));
            features.forEach(f -> f.mount(routes));
            ErrorHandler errors = new ErrorHandler(routes::allowedMethods);
            router.route().failureHandler(errors);
            router.errorHandler(404, errors).errorHandler(405, errors).errorHandler(500, errors);

            HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                            .setHost(config.host())
                            .setPort(config.port())
                            // Plain HTTP/1.1 only: with h2c detection a connection is reported only after its first
                            // bytes, and active_connections would miss idle or slow clients.
                            .setHttp2ClearTextEnabled(false)
                            // A connection stalled mid-request (body or response) is closed; the wait for a request
                            // head is bounded much more tightly by ConnectionGuard's head timeout.
                            .setIdleTimeout(120)
                            .setIdleTimeoutUnit(TimeUnit.SECONDS))
                    .connectionHandler(connections)
                    .invalidRequestHandler(new InvalidRequestHandler(metrics.http()))
                    .requestHandler(connections.requests(router));
            try {
                await(server.listen(), Duration.ofSeconds(30));
            } catch (StartupException e) {
                Throwable cause = e.getCause();
                String reason = cause instanceof BindException ? "address already in use" : String.valueOf(cause);
                throw new StartupException("cannot listen on " + config.host() + ":" + config.port() + ": " + reason,
                        cause);
            }
            // Only once the port is ours: a second instance that cannot bind must not overwrite the first one's token.
            Path tokenFile = config.tokenFile().toAbsolutePath();
            try {
                TokenFile.write(tokenFile, await(tokens.credential(TokenService.ADMIN_CREDENTIAL, Role.ADMIN,
                        config.auth().tokenTtl()), Duration.ofSeconds(30)).token());
            } catch (IOException e) {
                await(server.close(), Duration.ofSeconds(5));
                throw new StartupException("cannot write the token file " + tokenFile + ": " + e, e);
            }
            LOG.info("admin token written to " + tokenFile);
            for (RouteFeature feature : features) {
                try {
                    feature.listening();
                } catch (IOException e) {
                    await(server.close(), Duration.ofSeconds(5));
                    throw new StartupException("cannot start " + feature.getClass().getSimpleName() + ": " + e, e);
                }
            }
            LOG.info((temp.isPresent() ? "serving the embedded demo project from " : "project root ") + projectRoot
                    + "; " + scenesStarted);
            LOG.info("state kept in " + state.file());
            vertx.setPeriodic(config.health().refreshInterval().toMillis(), id -> health.check());
            vertx.setPeriodic(RATE_LIMIT_SWEEP.toMillis(),
                    id -> vertx.executeBlocking(() -> {
                        limiter.sweep();
                        return null;
                    }, false));
            return new ApiServer(vertx, server, modules, health, routes, temp);
        } catch (StartupException | RuntimeException e) {
            workload.close();
            scenes.close();
            state.close();
            throw e;
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future, Duration timeout) throws StartupException {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new StartupException(String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new StartupException("timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted", e);
        }
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return server.actualPort();
    }

    public String host() {
        return modules.config().host();
    }

    /** What the server was built from (for tests). */
    Modules modules() {
        return modules;
    }

    /** The mounted routes. */
    public List<Routes.Declared> routes() {
        return routes.declared();
    }

    /**
     * Stops accepting connections, lets in-flight requests finish (up to the configured drain timeout), then stops
     * Vert.x and the health workers. Later calls do nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Duration drain = modules.config().drainTimeout();
        try {
            await(server.shutdown(drain), drain.plusSeconds(5));
        } catch (StartupException e) {
            LOG.warning("server shutdown: " + e.getMessage());
        }
        try {
            await(vertx.close(), Duration.ofSeconds(10));
        } catch (StartupException e) {
            LOG.warning("vert.x shutdown: " + e.getMessage());
        }
        health.close();
        modules.workload().close();
        modules.scenes().close();
        modules.state().close();
        tempProjectRoot.ifPresent(ApiServer::deleteQuietly);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warning("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
