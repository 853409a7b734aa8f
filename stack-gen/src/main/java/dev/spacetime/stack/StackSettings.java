package dev.spacetime.stack;

import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;

/**
 * One coherent Prometheus + Alertmanager configuration: what {@link StackGenerator#generate} writes as
 * {@code prometheus.yml} and {@code alertmanager.yml}.
 */
public record StackSettings(PrometheusSettings prometheus, AlertmanagerSettings alertmanager) {

    /** Job, intervals: what the rules and the dashboard were generated for. */
    private static final Settings MONITORING = Settings.defaults();
    public static final String LOOPBACK = "127.0.0.1";

    /** Inside docker-compose: every service, the API included, by its service name. */
    public static StackSettings compose(ComposeSettings compose) {
        return composeWithApiAt(compose, ComposeService.API.serviceName() + ":" + compose.api().port());
    }

    /**
     * The host-API override: the seed's layout, the API on the Docker host (Linux and Docker Desktop), reached at
     * its published port; the token file is where the override mounts the host's copy.
     */
    public static StackSettings composeHostApi(ComposeSettings compose) {
        return composeWithApiAt(compose, ComposeSettings.DOCKER_HOST + ":" + compose.ports().api());
    }

    private static StackSettings composeWithApiAt(ComposeSettings compose, String api) {
        return new StackSettings(
                PrometheusSettings.of(MONITORING, api,
                        "localhost:" + compose.ports().prometheus(),
                        ComposeService.NODE_EXPORTER.serviceName() + ":" + compose.ports().nodeExporter(),
                        ComposeService.ALERTMANAGER.serviceName() + ":" + compose.ports().alertmanager()),
                AlertmanagerSettings.standard(Webhook.at(api, compose.api().webhookTokenFile())));
    }

    /**
     * Everything on 127.0.0.1 at the given ports. {@code webhookCredentialsFile} is the file holding the API's
     * webhook token (relative paths resolve against the directory alertmanager.yml is written to).
     */
    public static StackSettings nativeLoopback(Ports ports, String webhookCredentialsFile) {
        return new StackSettings(
                PrometheusSettings.of(MONITORING, loopback(ports.api()), loopback(ports.prometheus()),
                        loopback(ports.nodeExporter()), loopback(ports.alertmanager())),
                AlertmanagerSettings.standard(Webhook.at(loopback(ports.api()), webhookCredentialsFile)));
    }

    /**
     * The end-to-end test variant: loopback, scrape and rule evaluation every {@code interval}, Alertmanager
     * grouping and repeats at the same pace. Rule files keep their standard names; write the shortened rules
     * beside the generated prometheus.yml.
     */
    public static StackSettings testVariant(Ports ports, String webhookCredentialsFile, PromDuration interval) {
        StackSettings loopback = nativeLoopback(ports, webhookCredentialsFile);
        return new StackSettings(loopback.prometheus.withIntervals(interval, interval),
                loopback.alertmanager.withTimings(interval));
    }

    private static String loopback(int port) {
        return LOOPBACK + ":" + port;
    }
}
