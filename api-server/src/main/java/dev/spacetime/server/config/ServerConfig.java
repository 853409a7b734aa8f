package dev.spacetime.server.config;

import dev.spacetime.scene.path.PathPolicy;
import dev.spacetime.server.ratelimit.RouteGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the server reads from its command line, environment and config file ({@link ConfigLoader}).
 *
 * @param projectRoot           the project directory that plays {@code res://}; empty means "use the built-in default"
 * @param alertWebhookTokenFile where the token Alertmanager posts to /alerts/webhook with is written; empty means
 *                              {@value #ALERT_WEBHOOK_TOKEN_NAME} beside the admin token file
 * @param instrumentation       whether requests are measured at all (metrics and profiles)
 * @param profiler              the request profiler's settings at startup
 * @param workload              the bounded pool scene operations run on
 * @param connections           per-client connection limit and request head timeout
 * @param stateDir              where the state that survives restarts is kept (tokens, alerts, scene history,
 *                              profiler settings); created owner-only
 * @param alerting              the dead man's switch the {@code alerting} health subsystem watches
 */
public record ServerConfig(String host, int port, Optional<Path> projectRoot, Path tokenFile, Duration drainTimeout,
                           Health health, Auth auth, RateLimit rateLimit, Scenes scenes,
                           Optional<Path> alertWebhookTokenFile, Instrumentation instrumentation,
                           Profiling profiler, Workload workload, Connections connections,
                           Path stateDir, Alerting alerting) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String ALERT_WEBHOOK_TOKEN_NAME = "alert_webhook_token";

    /** The alert webhook token file, by default beside the admin token file. */
    public Path alertWebhookTokenPath() {
        return alertWebhookTokenFile.orElseGet(() -> tokenFile.resolveSibling(ALERT_WEBHOOK_TOKEN_NAME));
    }

    /** Health thresholds and timing. Memory is the process's resident set, as the memory alerts measure it. */
    public record Health(long memoryDegradedMb, long memoryUnhealthyMb, int connectionsDegraded,
                         int connectionsUnhealthy, Duration checkTimeout, Duration refreshInterval) {
        public Health {
            if (memoryDegradedMb > memoryUnhealthyMb) {
                throw new ConfigException("health.memoryDegradedMb must not exceed health.memoryUnhealthyMb");
            }
            if (connectionsDegraded > connectionsUnhealthy) {
                throw new ConfigException("health.connectionsDegraded must not exceed health.connectionsUnhealthy");
            }
        }
    }

    /**
     * @param secret         HS256 secret; empty means the one generated once and kept in the state directory
     * @param tokenTtl       lifetime of issued tokens
     * @param rotationGrace  how long the previous admin token keeps working after a rotation
     */
    public record Auth(Optional<String> secret, Duration tokenTtl, Duration rotationGrace) {
        public Auth {
            if (secret.isPresent() && secret.get().length() < 32) {
                throw new ConfigException("auth.secret must be at least 32 characters");
            }
        }
    }

    /**
     * @param perMinute      limit of every group
     * @param trustedProxies peer addresses whose {@code X-Forwarded-For} is believed
     * @param maxBuckets     hard cap on tracked (client, group) buckets
     */
    public record RateLimit(Map<RouteGroup, Integer> perMinute, Set<String> trustedProxies, int maxBuckets) {
        public RateLimit {
            perMinute = Map.copyOf(new EnumMap<>(perMinute));
            trustedProxies = Set.copyOf(trustedProxies);
        }

        public int limit(RouteGroup group) {
            return perMinute.get(group);
        }
    }

    /**
     * The scene API and runtime.
     *
     * @param mainScene     loaded at startup when it exists; {@code scene_loader} health requires it to be loadable
     * @param targetFps     the runtime's tick rate
     * @param fpsFloor      measured fps below this degrades the {@code engine} subsystem
     * @param maxSceneBytes larger scene files are refused (413, {@code too_large}) before being read
     * @param environment   selects the whitelist ({@link #DEVELOPMENT} has none unless configured)
     * @param blacklist     patterns refused in addition to {@code addons/} and {@code .godot/}
     * @param whitelist     per environment: when the current one has an entry, only matching scenes may be named
     */
    public record Scenes(String mainScene, int targetFps, int fpsFloor, long maxSceneBytes, String environment,
                         List<String> blacklist, Map<String, List<String>> whitelist) {
        public static final String DEVELOPMENT = "development";
        public static final int DEFAULT_TARGET_FPS = 90;
        /** Two thirds of the 90 Hz target: below 60 Hz a VR headset visibly judders. */
        public static final int DEFAULT_FPS_FLOOR = 60;

        public Scenes {
            if (fpsFloor > targetFps) {
                throw new ConfigException("scenes.fpsFloor must not exceed scenes.targetFps");
            }
            blacklist = List.copyOf(blacklist);
            whitelist = Map.copyOf(whitelist);
        }

        /** The whitelist of the current environment; empty means every scene not blacklisted. */
        public List<String> activeWhitelist() {
            return whitelist.getOrDefault(environment, List.of());
        }

        /**
         * The path policy these settings describe: the built-in blacklist plus the configured one, and the current
         * environment's whitelist. Invalid patterns throw IllegalArgumentException.
         */
        public PathPolicy pathPolicy() {
            List<String> all = new ArrayList<>(PathPolicy.DEFAULT_BLACKLIST);
            all.addAll(blacklist);
            return PathPolicy.builder().blacklist(all).whitelist(activeWhitelist()).build();
        }
    }

    /**
     * The switch between a measured server and a bare one (for overhead comparisons): off, the per-request observer
     * records no request metrics and no profiles; {@code /metrics} and the other routes are still served.
     */
    public record Instrumentation(boolean enabled) {
    }

    /**
     * The request profiler at startup ({@code POST /debug/profile} changes it at run time).
     *
     * @param enabled         whether requests are profiled
     * @param sampleRate      fraction of requests profiled, 0..1
     * @param slowThresholdMs a request at least this long is slow
     * @param capacity        how many recent profiles are kept
     */
    public record Profiling(boolean enabled, double sampleRate, double slowThresholdMs, int capacity) {
    }

    /**
     * The pool scene operations (load, validate, reload, list, dump) run on, apart from the monitoring routes.
     *
     * @param threads  operations that run at once (scene work is CPU-bound: more threads than cores only share them)
     * @param queue    operations that may wait for a thread; beyond that a request gets 503 with Retry-After at once
     * @param deadline an operation still queued or running this long after it was accepted is cancelled (503)
     */
    public record Workload(int threads, int queue, Duration deadline) {
    }

    /**
     * Protection against connection abuse.
     *
     * @param perClient   open connections one client address may hold; more are closed as soon as they are accepted
     * @param headTimeout a connection must deliver a complete request head this soon after it opens or after its
     *                    previous response: idle and slowloris connections are closed
     */
    public record Connections(int perClient, Duration headTimeout) {
    }

    /**
     * @param heartbeatWindow the {@code alerting} subsystem is degraded once the last Watchdog heartbeat is older than
     *                        this (it comes every minute with the generated stack's routing)
     */
    public record Alerting(Duration heartbeatWindow) {
    }

    /** Defaults only: what a test or an embedding starts from. */
    public static ServerConfig defaults() {
        return ConfigLoader.fromMap(Map.of());
    }

    /** A builder starting from this config: the one place that lists every component, so a new one is added here. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public ServerConfig withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }

    public ServerConfig withTokenFile(Path file) {
        return toBuilder().tokenFile(file).build();
    }

    public ServerConfig withProjectRoot(Path root) {
        return toBuilder().projectRoot(Optional.of(root)).build();
    }

    public ServerConfig withHealth(Health newHealth) {
        return toBuilder().health(newHealth).build();
    }

    public ServerConfig withAuth(Auth newAuth) {
        return toBuilder().auth(newAuth).build();
    }

    public ServerConfig withScenes(Scenes newScenes) {
        return toBuilder().scenes(newScenes).build();
    }

    public ServerConfig withRateLimit(RateLimit newRateLimit) {
        return toBuilder().rateLimit(newRateLimit).build();
    }

    public ServerConfig withInstrumentation(Instrumentation newInstrumentation) {
        return toBuilder().instrumentation(newInstrumentation).build();
    }

    public ServerConfig withProfiler(Profiling newProfiler) {
        return toBuilder().profiler(newProfiler).build();
    }

    public ServerConfig withAlertWebhookTokenFile(Path file) {
        return toBuilder().alertWebhookTokenFile(Optional.of(file)).build();
    }

    public ServerConfig withWorkload(Workload newWorkload) {
        return toBuilder().workload(newWorkload).build();
    }

    public ServerConfig withConnections(Connections newConnections) {
        return toBuilder().connections(newConnections).build();
    }

    public ServerConfig withStateDir(Path dir) {
        return toBuilder().stateDir(dir).build();
    }

    public ServerConfig withAlerting(Alerting newAlerting) {
        return toBuilder().alerting(newAlerting).build();
    }

    /** Changes some components of an existing config; only {@link #toBuilder()} creates one, so none is ever unset. */
    public static final class Builder {
        private String host;
        private int port;
        private Optional<Path> projectRoot;
        private Path tokenFile;
        private Duration drainTimeout;
        private Health health;
        private Auth auth;
        private RateLimit rateLimit;
        private Scenes scenes;
        private Optional<Path> alertWebhookTokenFile;
        private Instrumentation instrumentation;
        private Profiling profiler;
        private Workload workload;
        private Connections connections;
        private Path stateDir;
        private Alerting alerting;

        private Builder(ServerConfig c) {
            host = c.host;
            port = c.port;
            projectRoot = c.projectRoot;
            tokenFile = c.tokenFile;
            drainTimeout = c.drainTimeout;
            health = c.health;
            auth = c.auth;
            rateLimit = c.rateLimit;
            scenes = c.scenes;
            alertWebhookTokenFile = c.alertWebhookTokenFile;
            instrumentation = c.instrumentation;
            profiler = c.profiler;
            workload = c.workload;
            connections = c.connections;
            stateDir = c.stateDir;
            alerting = c.alerting;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder projectRoot(Optional<Path> value) {
            projectRoot = value;
            return this;
        }

        public Builder tokenFile(Path value) {
            tokenFile = value;
            return this;
        }

        public Builder drainTimeout(Duration value) {
            drainTimeout = value;
            return this;
        }

        public Builder health(Health value) {
            health = value;
            return this;
        }

        public Builder auth(Auth value) {
            auth = value;
            return this;
        }

        public Builder rateLimit(RateLimit value) {
            rateLimit = value;
            return this;
        }

        public Builder scenes(Scenes value) {
            scenes = value;
            return this;
        }

        public Builder alertWebhookTokenFile(Optional<Path> value) {
            alertWebhookTokenFile = value;
            return this;
        }

        public Builder instrumentation(Instrumentation value) {
            instrumentation = value;
            return this;
        }

        public Builder profiler(Profiling value) {
            profiler = value;
            return this;
        }

        public Builder workload(Workload value) {
            workload = value;
            return this;
        }

        public Builder connections(Connections value) {
            connections = value;
            return this;
        }

        public Builder stateDir(Path value) {
            stateDir = value;
            return this;
        }

        public Builder alerting(Alerting value) {
            alerting = value;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(host, port, projectRoot, tokenFile, drainTimeout, health, auth, rateLimit, scenes,
                    alertWebhookTokenFile, instrumentation, profiler, workload, connections, stateDir, alerting);
        }
    }
}
