package dev.spacetime.stack;

import dev.spacetime.alerts.RuleFileLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Writes the Prometheus/Alertmanager configuration and, for {@code monitoring/}, the docker-compose file, the
 * loopback variant and the native runner script. Output depends only on the settings (byte-identical reruns).
 */
public final class StackGenerator {

    public static final String PROMETHEUS_YML = "prometheus.yml";
    public static final String ALERTMANAGER_YML = "alertmanager.yml";
    public static final String COMPOSE_YML = "docker-compose.yml";
    public static final String RUN_NATIVE = "run-native.sh";
    /**
     * Directories of monitoring/ holding the compose variant's configs (mounted into the containers); prometheus.yml
     * goes beside the rule files, which it names relative to itself.
     */
    public static final String PROMETHEUS_DIR = RuleFileLayout.PROMETHEUS_DIR;
    public static final String ALERTMANAGER_DIR = "alertmanager";

    private StackGenerator() {
    }

    /** Regenerates this module's part of {@code monitoring/}; the one argument is that directory. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: StackGenerator <monitoring dir>");
        }
        generateMonitoring(ComposeSettings.STANDARD, NativeRunnerSettings.STANDARD, Path.of(args[0]));
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

    /** docker-compose.yml with its prometheus/ and alertmanager/ configs, plus the native loopback variant and runner. */
    public static List<Path> generateMonitoring(ComposeSettings compose, NativeRunnerSettings runner, Path monitoring)
            throws IOException {
        StackSettings composeStack = StackSettings.compose(compose);
        Path nativeDir = monitoring.resolve(runner.configDir());
        Path script = monitoring.resolve(RUN_NATIVE);
        List<Path> written = List.of(
                write(monitoring.resolve(COMPOSE_YML), Templates.render("docker-compose.yml.ftl", Map.of(
                        "compose", compose,
                        "prometheus", ComposeService.PROMETHEUS,
                        "alertmanager", ComposeService.ALERTMANAGER,
                        "nodeExporter", ComposeService.NODE_EXPORTER,
                        "grafana", ComposeService.GRAFANA,
                        "dockerHost", ComposeSettings.DOCKER_HOST,
                        "tokenSecret", ComposeSettings.WEBHOOK_TOKEN_SECRET,
                        "webhookPath", Webhook.PATH))),
                writePrometheus(composeStack.prometheus(), monitoring.resolve(PROMETHEUS_DIR).resolve(PROMETHEUS_YML)),
                writeAlertmanager(composeStack.alertmanager(),
                        monitoring.resolve(ALERTMANAGER_DIR).resolve(ALERTMANAGER_YML)),
                writePrometheus(runner.stack().prometheus(), nativeDir.resolve(PROMETHEUS_YML)),
                writeAlertmanager(runner.stack().alertmanager(), nativeDir.resolve(ALERTMANAGER_YML)),
                write(script, Templates.render("run-native.sh.ftl", Map.of(
                        "runner", runner, "ports", runner.defaultPorts(), "webhookPath", Webhook.PATH))));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return written;
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
