package dev.spacetime.stack;

import dev.spacetime.dashboard.GrafanaVersion;
import dev.spacetime.dashboard.Provisioning;

/**
 * The docker-compose deployment: pinned images, published ports, retention, Grafana provisioning mounts and the
 * secret holding the API's webhook token.
 *
 * @param publishAddress host address the ports are published on (loopback: none of these UIs authenticate
 *                       except Grafana)
 */
public record ComposeSettings(
        Ports ports,
        Images images,
        String publishAddress,
        PromDuration retention,
        Grafana grafana,
        String webhookTokenFileVariable) {

    /** Resolves to the Docker host from a container, on Linux via {@code extra_hosts} and on Docker Desktop natively. */
    public static final String DOCKER_HOST = "host.docker.internal";
    public static final String WEBHOOK_TOKEN_SECRET = "alert_webhook_token";

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
            Ports.DEFAULT, Images.PINNED, "127.0.0.1", PromDuration.ofDays(15), Grafana.STANDARD,
            "SPACETIME_ALERT_WEBHOOK_TOKEN_FILE");

    /** Where compose mounts the token secret inside the Alertmanager container. */
    public String webhookTokenContainerPath() {
        return "/run/secrets/" + WEBHOOK_TOKEN_SECRET;
    }
}
