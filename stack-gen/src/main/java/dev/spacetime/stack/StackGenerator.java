package dev.spacetime.stack;

import dev.spacetime.alerts.Consoles;
import dev.spacetime.alerts.RuleFileLayout;
import dev.spacetime.settings.Heartbeat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the Prometheus/Alertmanager configuration and, for {@code monitoring/}, the docker-compose file and its
 * host-API override, the loopback variant and the native runner script; and the API's Dockerfile. Output depends only on the settings (byte-identical reruns).
 */
public final class StackGenerator {

    public static final String PROMETHEUS_YML = "prometheus.yml";
    public static final String ALERTMANAGER_YML = "alertmanager.yml";
    public static final String COMPOSE_YML = "docker-compose.yml";
    /** The override that keeps the API on the host (the seed's layout). */
    public static final String COMPOSE_HOST_API_YML = "docker-compose.host-api.yml";
    /** The host-API variant's configs, beside the standard ones in the same mounted directories. */
    public static final String PROMETHEUS_HOST_API_YML = "prometheus-host-api.yml";
    public static final String ALERTMANAGER_HOST_API_YML = "alertmanager-host-api.yml";
    public static final String DOCKERIGNORE = ".dockerignore";
    public static final String RUN_NATIVE = "run-native.sh";
    /** The high-availability override: a second Prometheus and Alertmanager, clustered, and VictoriaMetrics. */
    public static final String COMPOSE_HA_YML = "docker-compose.ha.yml";
    /**
     * Directories of monitoring/ holding the compose variant's configs (mounted into the containers); prometheus.yml
     * goes beside the rule files, which it names relative to itself.
     */
    public static final String PROMETHEUS_DIR = RuleFileLayout.PROMETHEUS_DIR;
    public static final String ALERTMANAGER_DIR = "alertmanager";
    /** Compose volumes: the API's data (admin token, state), and the webhook token it shares with Alertmanager. */
    public static final String DATA_VOLUME = "api_data";
    public static final String WEBHOOK_VOLUME = "alert_webhook_token";

    private StackGenerator() {
    }

    /** Regenerates this module's part of {@code monitoring/} and the API's Dockerfile and .dockerignore. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: StackGenerator <monitoring dir> <repository root>");
        }
        generateMonitoring(ComposeSettings.STANDARD, NativeRunnerSettings.STANDARD, Path.of(args[0]));
        generateApiImage(ComposeSettings.STANDARD.api(), Path.of(args[1]));
    }

    /** {@code <root>/api-server/Dockerfile} and {@code <root>/.dockerignore} for {@code image}. */
    public static List<Path> generateApiImage(ApiImage image, Path repositoryRoot) throws IOException {
        return List.of(
                write(repositoryRoot.resolve(image.dockerfile()), dockerfile(image)),
                write(repositoryRoot.resolve(DOCKERIGNORE), Templates.render("dockerignore.ftl", Map.of("image", image))));
    }

    /** The Dockerfile's text. */
    public static String dockerfile(ApiImage image) {
        return Templates.render("Dockerfile.ftl", Map.of("image", image));
    }

    /**
     * Writes {@code prometheus.yml} and {@code alertmanager.yml} for {@code settings} into {@code dir} (created if
     * needed). Rule files are named relative to {@code dir}; write them there.
     */
    public static List<Path> generate(StackSettings settings, Path dir) throws IOException {
        List<Path> written = new ArrayList<>(writePrometheus(settings.prometheus(), dir.resolve(PROMETHEUS_YML)));
        written.add(writeAlertmanager(settings.alertmanager(), dir.resolve(ALERTMANAGER_YML)));
        return written;
    }

    /**
     * Writes {@code replica}'s prometheus.yml as {@code prometheus-ha-<name>.yml} into {@code dir}, with its
     * targets file: each replica of a pair.
     */
    public static List<Path> generateReplica(StackSettings replica, Path dir) throws IOException {
        String name = replica.prometheus().replica().orElseThrow().name();
        return writePrometheus(replica.prometheus(), dir.resolve(replicaConfig(name)));
    }

    /** The file name of replica {@code name}'s prometheus.yml. */
    public static String replicaConfig(String name) {
        return "prometheus-ha-" + name + ".yml";
    }

    /**
     * docker-compose.yml and its host-API override with their prometheus/ and alertmanager/ configs, plus the native
     * loopback variant and runner.
     */
    public static List<Path> generateMonitoring(ComposeSettings compose, NativeRunnerSettings runner, Path monitoring)
            throws IOException {
        StackSettings composeStack = StackSettings.compose(compose);
        StackSettings hostApiStack = StackSettings.composeHostApi(compose);
        Path prometheusDir = monitoring.resolve(PROMETHEUS_DIR);
        Path alertmanagerDir = monitoring.resolve(ALERTMANAGER_DIR);
        Path nativeDir = monitoring.resolve(runner.configDir());
        Path script = monitoring.resolve(RUN_NATIVE);
        List<Path> written = new ArrayList<>();
        written.add(write(monitoring.resolve(COMPOSE_YML), Templates.render("docker-compose.yml.ftl",
                composeModel(compose, PROMETHEUS_YML, ALERTMANAGER_YML))));
        written.add(write(monitoring.resolve(COMPOSE_HOST_API_YML), Templates.render("docker-compose.host-api.yml.ftl",
                composeModel(compose, PROMETHEUS_HOST_API_YML, ALERTMANAGER_HOST_API_YML))));
        written.add(write(monitoring.resolve(COMPOSE_HA_YML), Templates.render("docker-compose.ha.yml.ftl",
                composeHaModel(compose))));
        written.addAll(writePrometheus(composeStack.prometheus(), prometheusDir.resolve(PROMETHEUS_YML)));
        written.add(writeAlertmanager(composeStack.alertmanager(), alertmanagerDir.resolve(ALERTMANAGER_YML)));
        written.addAll(writePrometheus(hostApiStack.prometheus(), prometheusDir.resolve(PROMETHEUS_HOST_API_YML)));
        written.add(writeAlertmanager(hostApiStack.alertmanager(), alertmanagerDir.resolve(ALERTMANAGER_HOST_API_YML)));
        for (StackSettings replica : StackSettings.composeHighAvailability(compose)) {
            written.addAll(generateReplica(replica, prometheusDir));
        }
        written.addAll(generate(runner.stack(), nativeDir));
        for (StackSettings replica : runner.highAvailability()) {
            written.addAll(generateReplica(replica, nativeDir));
        }
        FleetSettings.HighAvailability ha = StackSettings.FLEET.highAvailability();
        Map<String, Object> runnerModel = new HashMap<>(heartbeatModel());
        runnerModel.putAll(Map.of(
                "runner", runner, "ports", runner.defaultPorts(), "webhookPath", Webhook.PATH,
                "pages", Consoles.Page.values(), "fleet", StackSettings.FLEET, "first", ha.replicas().get(0),
                "second", ha.replicas().get(1), "firstConfig", replicaConfig(ha.replicas().get(0).name()),
                "secondConfig", replicaConfig(ha.replicas().get(1).name())));
        written.add(write(script, Templates.render("run-native.sh.ftl", runnerModel)));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return List.copyOf(written);
    }

    /** One entry per replica: its services and command lines, for the HA override. */
    private static Map<String, Object> composeHaModel(ComposeSettings compose) {
        FleetSettings.HighAvailability ha = StackSettings.FLEET.highAvailability();
        List<Map<String, Object>> replicas = ha.replicas().stream().map(r -> Map.<String, Object>of(
                "replica", r,
                "prometheusService", ComposeSettings.replicaService(ComposeService.PROMETHEUS, r),
                "alertmanagerService", ComposeSettings.replicaService(ComposeService.ALERTMANAGER, r),
                "prometheusCommand", compose.prometheusCommand(replicaConfig(r.name())),
                "alertmanagerCommand", compose.alertmanagerClusterCommand(ALERTMANAGER_YML, ha, r))).toList();
        Map<String, Object> model = new HashMap<>(composeModel(compose, PROMETHEUS_YML, ALERTMANAGER_YML));
        model.put("ha", ha);
        model.put("replicas", replicas);
        model.put("victoriaMetrics", ComposeService.VICTORIAMETRICS);
        model.put("store", StackSettings.FLEET.longTermStore());
        return model;
    }

    /** The Watchdog's pace and the API's heartbeat window, from the settings the stack's configs follow. */
    private static Map<String, Object> heartbeatModel() {
        Heartbeat heartbeat = StackSettings.MONITORING.heartbeat();
        return Map.of(
                "heartbeat", heartbeat,
                "heartbeatEnvironment", ApiHeartbeat.environment(heartbeat),
                "heartbeatWindowEnv", ApiHeartbeat.WINDOW_ENV,
                "heartbeatWindowSeconds", ApiHeartbeat.windowSeconds(heartbeat));
    }

    private static Map<String, Object> composeModel(ComposeSettings compose, String prometheusConfig,
                                                    String alertmanagerConfig) {
        Map<String, Object> model = new HashMap<>(heartbeatModel());
        model.putAll(Map.ofEntries(
                Map.entry("compose", compose),
                Map.entry("api", ComposeService.API),
                Map.entry("prometheus", ComposeService.PROMETHEUS),
                Map.entry("alertmanager", ComposeService.ALERTMANAGER),
                Map.entry("nodeExporter", ComposeService.NODE_EXPORTER),
                Map.entry("grafana", ComposeService.GRAFANA),
                Map.entry("dockerHost", ComposeSettings.DOCKER_HOST),
                Map.entry("apiProfile", ComposeSettings.API_PROFILE),
                Map.entry("prometheusDir", PROMETHEUS_DIR),
                Map.entry("alertmanagerDir", ALERTMANAGER_DIR),
                Map.entry("prometheusConfigDir", ComposeSettings.PROMETHEUS_CONFIG_DIR),
                Map.entry("alertmanagerConfigDir", ComposeSettings.ALERTMANAGER_CONFIG_DIR),
                Map.entry("prometheusConfig", prometheusConfig),
                Map.entry("alertmanagerConfig", alertmanagerConfig),
                Map.entry("dataVolume", DATA_VOLUME),
                Map.entry("webhookVolume", WEBHOOK_VOLUME),
                Map.entry("tokenFile", ApiImage.WEBHOOK_TOKEN_FILE)));
        return model;
    }

    /** prometheus.yml and, beside it, the file_sd targets files it reads, listing their initial targets. */
    private static List<Path> writePrometheus(PrometheusSettings settings, Path file) throws IOException {
        List<Path> written = new ArrayList<>(List.of(
                write(file, Templates.render("prometheus.yml.ftl", Map.of("prometheus", settings)))));
        for (ScrapeJob job : settings.fileTargets()) {
            written.add(write(file.resolveSibling(job.targetsFile().orElseThrow()), Templates.render(
                    "api-targets.yml.ftl", Map.of("job", job.name(), "targets", job.targets(),
                            "refresh", settings.targetsRefresh()))));
        }
        return written;
    }

    private static Path writeAlertmanager(AlertmanagerSettings settings, Path file) throws IOException {
        return write(file, Templates.render("alertmanager.yml.ftl", Map.of("alertmanager", settings)));
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
