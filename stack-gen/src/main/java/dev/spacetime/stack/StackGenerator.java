package dev.spacetime.stack;

import dev.spacetime.alerts.Consoles;
import dev.spacetime.alerts.RuleFileLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        return List.of(
                writePrometheus(settings.prometheus(), dir.resolve(PROMETHEUS_YML)),
                writeAlertmanager(settings.alertmanager(), dir.resolve(ALERTMANAGER_YML)));
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
        List<Path> written = List.of(
                write(monitoring.resolve(COMPOSE_YML), Templates.render("docker-compose.yml.ftl",
                        composeModel(compose, PROMETHEUS_YML, ALERTMANAGER_YML))),
                write(monitoring.resolve(COMPOSE_HOST_API_YML), Templates.render("docker-compose.host-api.yml.ftl",
                        composeModel(compose, PROMETHEUS_HOST_API_YML, ALERTMANAGER_HOST_API_YML))),
                writePrometheus(composeStack.prometheus(), prometheusDir.resolve(PROMETHEUS_YML)),
                writeAlertmanager(composeStack.alertmanager(), alertmanagerDir.resolve(ALERTMANAGER_YML)),
                writePrometheus(hostApiStack.prometheus(), prometheusDir.resolve(PROMETHEUS_HOST_API_YML)),
                writeAlertmanager(hostApiStack.alertmanager(), alertmanagerDir.resolve(ALERTMANAGER_HOST_API_YML)),
                writePrometheus(runner.stack().prometheus(), nativeDir.resolve(PROMETHEUS_YML)),
                writeAlertmanager(runner.stack().alertmanager(), nativeDir.resolve(ALERTMANAGER_YML)),
                write(script, Templates.render("run-native.sh.ftl", Map.of(
                        "runner", runner, "ports", runner.defaultPorts(), "webhookPath", Webhook.PATH,
                        "pages", Consoles.Page.values()))));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return written;
    }

    private static Map<String, Object> composeModel(ComposeSettings compose, String prometheusConfig,
                                                    String alertmanagerConfig) {
        return Map.ofEntries(
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
                Map.entry("tokenFile", ApiImage.WEBHOOK_TOKEN_FILE));
    }

    private static Path writePrometheus(PrometheusSettings settings, Path file) throws IOException {
        return write(file, Templates.render("prometheus.yml.ftl", Map.of("prometheus", settings)));
    }

    private static Path writeAlertmanager(AlertmanagerSettings settings, Path file) throws IOException {
        return write(file, Templates.render("alertmanager.yml.ftl", Map.of("alertmanager", settings)));
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
