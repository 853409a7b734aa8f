package dev.spacetime.server.config;

import dev.spacetime.server.ratelimit.RouteGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the server reads from its command line, environment and config file ({@link ConfigLoader}).
 *
 * @param projectRoot           the project directory that plays {@code res://}; empty means "use the built-in default"
 * @param alertWebhookTokenFile where the token Alertmanager posts to /alerts/webhook with is written; empty means
 *                              {@value #ALERT_WEBHOOK_TOKEN_NAME} beside the admin token file
 */
public record ServerConfig(String host, int port, Optional<Path> projectRoot, Path tokenFile, Duration drainTimeout,
                           Health health, Auth auth, RateLimit rateLimit, Optional<Path> alertWebhookTokenFile) {

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
     * @param secret         HS256 secret; empty means a fresh random one per start (tokens do not survive restarts)
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

    /** Defaults only: what a test or an embedding starts from. */
    public static ServerConfig defaults() {
        return ConfigLoader.fromMap(Map.of());
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, projectRoot, tokenFile, drainTimeout, health, auth, rateLimit,
                alertWebhookTokenFile);
    }

    public ServerConfig withTokenFile(Path file) {
        return new ServerConfig(host, port, projectRoot, file, drainTimeout, health, auth, rateLimit,
                alertWebhookTokenFile);
    }

    public ServerConfig withProjectRoot(Path root) {
        return new ServerConfig(host, port, Optional.of(root), tokenFile, drainTimeout, health, auth, rateLimit,
                alertWebhookTokenFile);
    }

    public ServerConfig withAlertWebhookTokenFile(Path file) {
        return new ServerConfig(host, port, projectRoot, tokenFile, drainTimeout, health, auth, rateLimit,
                Optional.of(file));
    }

    public ServerConfig withHealth(Health newHealth) {
        return new ServerConfig(host, port, projectRoot, tokenFile, drainTimeout, newHealth, auth, rateLimit,
                alertWebhookTokenFile);
    }

    public ServerConfig withAuth(Auth newAuth) {
        return new ServerConfig(host, port, projectRoot, tokenFile, drainTimeout, health, newAuth, rateLimit,
                alertWebhookTokenFile);
    }

    public ServerConfig withRateLimit(RateLimit newRateLimit) {
        return new ServerConfig(host, port, projectRoot, tokenFile, drainTimeout, health, auth, newRateLimit,
                alertWebhookTokenFile);
    }
}
