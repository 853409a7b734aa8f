package dev.spacetime.stack;

import dev.spacetime.dashboard.GrafanaVersion;
import dev.spacetime.dashboard.Provisioning;
import java.util.ArrayList;
import java.util.List;

/**
 * The docker-compose deployment: the API built from its Dockerfile, pinned images, published ports, retention,
 * Grafana provisioning mounts, and the override that keeps the API on the host instead.
 *
 * @param publishAddress host address the ports are published on (loopback: none of these UIs authenticate
 *                       except Grafana)
 * @param hostApiSecretsDir directory beside docker-compose.yml that the host-API override mounts where the API
 *                       container's webhook volume would be: the operator puts a readable copy of the token there
 */
public record ComposeSettings(
        Ports ports,
        Images images,
        ApiImage api,
        String publishAddress,
        Retention retention,
        Grafana grafana,
        String hostApiSecretsDir) {

    /** Resolves to the Docker host from a container, on Linux via {@code extra_hosts} and on Docker Desktop natively. */
    public static final String DOCKER_HOST = "host.docker.internal";
    /** Profile the host-API override moves the api service into, so a plain {@code up} leaves it out. */
    public static final String API_PROFILE = "api-in-container";
    /** Where the Prometheus and Alertmanager configs are mounted in their containers. */
    public static final String PROMETHEUS_CONFIG_DIR = "/etc/prometheus";
    public static final String ALERTMANAGER_CONFIG_DIR = "/etc/alertmanager";

    /**
     * The images the stack runs. Prometheus, Alertmanager and node exporter are the versions of the Debian
     * packages the build checks the configs with, so what is checked is what runs.
     */
    public record Images(String prometheus, String alertmanager, String nodeExporter, String grafana) {
        public static final Images PINNED = new Images(
                "prom/prometheus:v2.42.0",
                "prom/alertmanager:v0.25.0",
                "prom/node-exporter:v1.5.0",
                GrafanaVersion.IMAGE);
    }

    /**
     * Grafana's first-login credentials and provisioning mounts. Host directories are relative to
     * docker-compose.yml; the container directories are the ones dashboard-gen's provisioning files expect.
     */
    public record Grafana(
            int port,
            String adminUser,
            String adminPassword,
            String datasourcesHostDir,
            String datasourcesContainerDir,
            String dashboardsHostDir,
            String dashboardsContainerDir) {
        public static final Grafana STANDARD = new Grafana(3000, "admin", "admin",
                "./grafana/datasources", Provisioning.DATASOURCES_DIR,
                "./grafana/dashboards", Provisioning.DASHBOARDS_DIR);
    }

    public static final ComposeSettings STANDARD = new ComposeSettings(
            Ports.DEFAULT, Images.PINNED, ApiImage.STANDARD, "127.0.0.1", Retention.STANDARD, Grafana.STANDARD,
            "./host-api-secrets");

    /** Prometheus' command line, loading {@code configFile} from the mounted config directory. */
    public List<String> prometheusCommand(String configFile) {
        List<String> command = new ArrayList<>(List.of("--config.file=" + PROMETHEUS_CONFIG_DIR + "/" + configFile,
                "--storage.tsdb.path=/prometheus"));
        command.addAll(retention.flags());
        return command;
    }

    /** Alertmanager's command line, loading {@code configFile} from the mounted config directory. */
    public List<String> alertmanagerCommand(String configFile) {
        return List.of("--config.file=" + ALERTMANAGER_CONFIG_DIR + "/" + configFile, "--storage.path=/alertmanager");
    }
}
