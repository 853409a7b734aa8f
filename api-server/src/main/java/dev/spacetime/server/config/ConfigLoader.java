package dev.spacetime.server.config;

import dev.spacetime.profiler.ProfilerSettings;
import dev.spacetime.scene.parse.ParseLimits;
import dev.spacetime.scene.path.PathDecision;
import dev.spacetime.scene.path.PathPolicy;
import dev.spacetime.scene.project.SceneConfig;
import dev.spacetime.scene.runtime.SceneRuntime;
import dev.spacetime.server.ratelimit.RouteGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Builds a {@link ServerConfig} from, highest precedence first: command-line options, {@code SPACETIME_*} environment
 * variables, the YAML config file, built-in defaults. Only the top-level settings have options and variables; the rest
 * lives in the file.
 */
public final class ConfigLoader {

    /** Command-line option, environment variable and config key of each top-level setting. */
    private record Setting(String option, String env, String key) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("--host", "SPACETIME_HOST", "host"),
            new Setting("--port", "SPACETIME_PORT", "port"),
            new Setting("--project-root", "SPACETIME_PROJECT_ROOT", "projectRoot"),
            new Setting("--token-file", "SPACETIME_TOKEN_FILE", "tokenFile"),
            new Setting("--environment", "SPACETIME_ENVIRONMENT", "scenes.environment"),
            new Setting("--alert-webhook-token-file", "SPACETIME_ALERT_WEBHOOK_TOKEN_FILE", "alertWebhookTokenFile"),
            new Setting("--instrumentation", "SPACETIME_INSTRUMENTATION", "instrumentation.enabled"),
            new Setting("--profiler", "SPACETIME_PROFILER", "profiler.enabled"),
            new Setting("--profiler-sample-rate", "SPACETIME_PROFILER_SAMPLE_RATE", "profiler.sampleRate"),
            new Setting("--workload-threads", "SPACETIME_WORKLOAD_THREADS", "workload.threads"),
            new Setting("--workload-queue", "SPACETIME_WORKLOAD_QUEUE", "workload.queue"),
            new Setting("--workload-deadline-ms", "SPACETIME_WORKLOAD_DEADLINE_MS", "workload.deadlineMs"),
            new Setting("--connections-per-client", "SPACETIME_CONNECTIONS_PER_CLIENT", "connections.perClient"),
            new Setting("--head-timeout-ms", "SPACETIME_HEAD_TIMEOUT_MS", "connections.headTimeoutMs"),
            new Setting("--state-dir", "SPACETIME_STATE_DIR", "stateDir"),
            new Setting("--alerting-heartbeat-window-seconds", "SPACETIME_ALERTING_HEARTBEAT_WINDOW_SECONDS",
                    "alerting.heartbeatWindowSeconds"));
    /**
     * Scene work is CPU-bound: one thread per core, at least two so one slow scene cannot block every other; and no
     * more than the heap holds (a 50,000-node scene job holds about 80 MB at its peak; one thread per 128 MiB of
     * heap, so {@code -Xmx512m} runs four at most, however many cores the host has).
     */
    private static final int DEFAULT_WORKLOAD_THREADS = Math.max(2, Math.min(
            Runtime.getRuntime().availableProcessors(), (int) (Runtime.getRuntime().maxMemory() / (128L << 20))));

    private static final Setting CONFIG_FILE = new Setting("--config", "SPACETIME_CONFIG", "");

    public static final String USAGE = "usage: java -jar api-server.jar [--host H] [--port N] [--project-root DIR]"
            + " [--token-file F] [--environment NAME] [--alert-webhook-token-file F] [--instrumentation true|false]"
            + " [--profiler true|false] [--profiler-sample-rate R] [--workload-threads N] [--workload-queue N]"
            + " [--workload-deadline-ms MS] [--connections-per-client N] [--head-timeout-ms MS] [--state-dir DIR]"
            + " [--alerting-heartbeat-window-seconds N] [--config FILE]";

    private ConfigLoader() {
    }

    /** @throws ConfigException with a one-line reason */
    public static ServerConfig load(String[] args, Map<String, String> env) {
        Map<String, String> cli = parseArgs(args);
        String file = cli.containsKey(CONFIG_FILE.option()) ? cli.get(CONFIG_FILE.option()) : env.get(CONFIG_FILE.env());
        Map<Object, Object> root = new HashMap<>(file == null || file.isBlank() ? Map.of() : readYaml(Path.of(file)));
        for (Setting s : SETTINGS) {
            String value = cli.containsKey(s.option()) ? cli.get(s.option()) : env.get(s.env());
            if (value != null) {
                put(root, s.key(), value);
            }
        }
        return fromMap(root);
    }

    /** Sets a possibly nested key ({@code scenes.environment}), copying the mappings on the way. */
    private static void put(Map<Object, Object> map, String dottedKey, String value) {
        int dot = dottedKey.indexOf('.');
        if (dot < 0) {
            map.put(dottedKey, value);
            return;
        }
        String head = dottedKey.substring(0, dot);
        Object child = map.get(head);
        if (child != null && !(child instanceof Map)) {
            throw new ConfigException("configuration key '" + head + "' must be a mapping");
        }
        Map<Object, Object> copy = new HashMap<>(child == null ? Map.of() : (Map<?, ?>) child);
        put(copy, dottedKey.substring(dot + 1), value);
        map.put(head, copy);
    }

    static Map<String, String> parseArgs(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            String option = name;
            boolean known = option.equals(CONFIG_FILE.option())
                    || SETTINGS.stream().anyMatch(s -> s.option().equals(option));
            if (!known) {
                throw new ConfigException("unknown option '" + arg + "'; " + USAGE);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new ConfigException("option " + name + " needs a value");
                }
                value = args[++i];
            }
            out.put(name, value);
        }
        return out;
    }

    private static Map<?, ?> readYaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            // SafeConstructor: a config file must not be able to instantiate arbitrary classes.
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (doc == null) {
                return Map.of();
            }
            if (!(doc instanceof Map<?, ?> map)) {
                throw new ConfigException("config file " + file + " must contain a YAML mapping");
            }
            return map;
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e);
        } catch (YAMLException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: "
                    + e.getMessage().replace('\n', ' '));
        }
    }

    static ServerConfig fromMap(Map<?, ?> raw) {
        ConfigNode root = new ConfigNode("", raw);
        String host = root.string("host", ServerConfig.DEFAULT_HOST);
        if (host.isBlank()) {
            throw new ConfigException("host must not be empty");
        }
        int port = (int) root.integer("port", ServerConfig.DEFAULT_PORT, 0, 65535);
        Optional<Path> projectRoot = Optional.ofNullable(root.string("projectRoot", null)).map(Path::of);
        Path tokenFile = Path.of(root.string("tokenFile",
                Path.of(System.getProperty("user.home"), ".spacetime", "token").toString()));
        Optional<Path> alertWebhookTokenFile = Optional.ofNullable(root.string("alertWebhookTokenFile", null))
                .map(Path::of);
        Duration drain = Duration.ofSeconds(root.integer("shutdownDrainSeconds", 10, 0, 600));
        Path stateDir = Path.of(root.string("stateDir",
                Path.of(System.getProperty("user.home"), ".spacetime", "state").toString()));

        ConfigNode h = root.node("health");
        var health = new ServerConfig.Health(
                h.integer("memoryDegradedMb", 512, 1, 1 << 20),
                h.integer("memoryUnhealthyMb", 1024, 1, 1 << 20),
                (int) h.integer("connectionsDegraded", 800, 1, 1_000_000),
                (int) h.integer("connectionsUnhealthy", 1000, 1, 1_000_000),
                Duration.ofMillis(h.integer("checkTimeoutMs", 2000, 1, 60_000)),
                Duration.ofMillis(h.integer("refreshMs", 5000, 100, 3_600_000)));

        ConfigNode a = root.node("auth");
        var auth = new ServerConfig.Auth(
                Optional.ofNullable(a.string("secret", null)),
                Duration.ofSeconds(a.integer("tokenTtlSeconds", Duration.ofDays(30).toSeconds(), 1, Integer.MAX_VALUE)),
                Duration.ofSeconds(a.integer("rotationGraceSeconds", 300, 0, Duration.ofDays(30).toSeconds())));

        ConfigNode r = root.node("rateLimit");
        ConfigNode perMinuteNode = r.node("perMinute");
        Map<RouteGroup, Integer> perMinute = new EnumMap<>(RouteGroup.class);
        for (RouteGroup g : RouteGroup.values()) {
            perMinute.put(g, (int) perMinuteNode.integer(g.key(), g.defaultPerMinute(), 1, 1_000_000));
        }
        var rateLimit = new ServerConfig.RateLimit(perMinute, new LinkedHashSet<>(r.strings("trustedProxies")),
                (int) r.integer("maxBuckets", 10_000, 1, 10_000_000));

        var scenes = scenes(root.node("scenes"));

        var instrumentation = new ServerConfig.Instrumentation(root.node("instrumentation").bool("enabled", true));
        ConfigNode p = root.node("profiler");
        var profiler = new ServerConfig.Profiling(
                p.bool("enabled", true),
                p.decimal("sampleRate", 1.0, 0.0, 1.0),
                p.decimal("slowThresholdMs", 100.0, 0.0, 3_600_000.0),
                (int) p.integer("capacity", 1000, 1, ProfilerSettings.MAX_CAPACITY));

        ConfigNode w = root.node("workload");
        var workload = new ServerConfig.Workload(
                (int) w.integer("threads", DEFAULT_WORKLOAD_THREADS, 1, 1024),
                (int) w.integer("queue", 4L * DEFAULT_WORKLOAD_THREADS, 0, 100_000),
                Duration.ofMillis(w.integer("deadlineMs", 30_000, 1, 3_600_000)));
        ConfigNode c = root.node("connections");
        var connections = new ServerConfig.Connections(
                (int) c.integer("perClient", 64, 1, 1_000_000),
                Duration.ofMillis(c.integer("headTimeoutMs", 10_000, 1, 3_600_000)));

        // Up to a week: the heartbeat comes every minute, and a switch that waits longer tells nobody anything.
        var alerting = new ServerConfig.Alerting(Duration.ofSeconds(root.node("alerting")
                .integer("heartbeatWindowSeconds", 300, 1, Duration.ofDays(7).toSeconds())));

        root.rejectUnknown();
        return new ServerConfig(host, port, projectRoot, tokenFile, drain, health, auth, rateLimit, scenes,
                alertWebhookTokenFile, instrumentation, profiler, workload, connections, stateDir, alerting);
    }

    private static ServerConfig.Scenes scenes(ConfigNode s) {
        String mainScene = s.string("mainScene", SceneConfig.DEFAULT_MAIN_SCENE);
        if (!(PathPolicy.defaults().checkScenePath(mainScene) instanceof PathDecision.Allowed main)) {
            throw new ConfigException("scenes.mainScene must be a res:// path to a .tscn file, got '" + mainScene
                    + "'");
        }
        int targetFps = (int) s.integer("targetFps", ServerConfig.Scenes.DEFAULT_TARGET_FPS, 1,
                (long) SceneRuntime.MAX_TARGET_FPS);
        int fpsFloor = (int) s.integer("fpsFloor", ServerConfig.Scenes.DEFAULT_FPS_FLOOR, 0,
                (long) SceneRuntime.MAX_TARGET_FPS);
        long maxBytes = s.integer("maxSceneBytes", ParseLimits.DEFAULT_MAX_BYTES, 1, Integer.MAX_VALUE - 8);
        String environment = s.string("environment", ServerConfig.Scenes.DEVELOPMENT);
        if (!environment.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ConfigException("scenes.environment must be 1-64 letters, digits, '_' or '-', got '"
                    + environment + "'");
        }
        List<String> blacklist = s.strings("blacklist");
        Map<String, List<String>> whitelist = s.node("whitelist").listsByKey();
        var scenes = new ServerConfig.Scenes(main.canonical(), targetFps, fpsFloor, maxBytes, environment,
                blacklist, whitelist);
        try {
            scenes.pathPolicy();
            whitelist.values().forEach(patterns -> PathPolicy.builder().whitelist(patterns).build());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("scenes: " + e.getMessage());
        }
        return scenes;
    }

}
