package dev.spacetime.stack;

import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.StackJobs;
import java.util.List;
import java.util.Optional;

/**
 * One coherent Prometheus + Alertmanager configuration: what {@link StackGenerator#generate} writes as
 * {@code prometheus.yml} and {@code alertmanager.yml}. The API instances come from the fleet's targets file
 * ({@link FleetSettings}), written beside prometheus.yml with the default instance.
 */
public record StackSettings(PrometheusSettings prometheus, AlertmanagerSettings alertmanager) {

    /** Job, intervals: what the rules and the dashboard were generated for. */
    static final Settings MONITORING = Settings.defaults();
    public static final String LOOPBACK = "127.0.0.1";
    /** Where the fleet settings of every generated variant come from. */
    public static final FleetSettings FLEET = FleetSettings.STANDARD;
    /**
     * The out-of-band webhook the pipeline receiver of every generated variant also posts to, e.g.
     * {@code Optional.of(Escalation.at("https://pager.example/hook").withCredentialsFile("/etc/alertmanager/pager_token"))}
     * (then {@code mvn package}); absent by default, when the pipeline's alerts reach the API's webhook only.
     */
    public static final Optional<Escalation> ESCALATION = Optional.empty();
    /** The host-API variant's targets file: beside the compose one, in the same mounted directory. */
    public static final String HOST_API_TARGETS_FILE = "api-targets-host-api.yml";

    /** Inside docker-compose: every service, the API included, by its service name. */
    public static StackSettings compose(ComposeSettings compose) {
        return composeWithApiAt(compose, ComposeService.API.serviceName() + ":" + compose.api().port(),
                FLEET.apiTargetsFile());
    }

    /**
     * The host-API override: the seed's layout, the API on the Docker host (Linux and Docker Desktop), reached at
     * its published port; the token file is where the override mounts the host's copy.
     */
    public static StackSettings composeHostApi(ComposeSettings compose) {
        return composeWithApiAt(compose, ComposeSettings.DOCKER_HOST + ":" + compose.ports().api(),
                HOST_API_TARGETS_FILE);
    }

    private static StackSettings composeWithApiAt(ComposeSettings compose, String api, String targetsFile) {
        return new StackSettings(
                PrometheusSettings.of(MONITORING, FLEET, targetsFile, List.of(api),
                        "localhost:" + compose.ports().prometheus(),
                        ComposeService.NODE_EXPORTER.serviceName() + ":" + compose.ports().nodeExporter(),
                        List.of(ComposeService.ALERTMANAGER.serviceName() + ":" + compose.ports().alertmanager())),
                alerting(Webhook.at(api, compose.api().webhookTokenFile())));
    }

    /**
     * Compose's high-availability pair, one config per replica: replica {@code i} is the service
     * {@link ComposeSettings#replicaService} of Prometheus, alerting both Alertmanagers, writing to the
     * VictoriaMetrics service. Inside the network every container listens on the standard ports.
     */
    public static List<StackSettings> composeHighAvailability(ComposeSettings compose) {
        StackSettings single = compose(compose);
        FleetSettings.HighAvailability ha = FLEET.highAvailability();
        List<String> alertmanagers = ha.replicas().stream().map(r -> ComposeSettings.replicaService(ComposeService.ALERTMANAGER,
                r) + ":" + compose.ports().alertmanager()).toList();
        RemoteWrite store = FLEET.longTermStore().remoteWrite(ComposeService.VICTORIAMETRICS.serviceName());
        List<String> prometheuses = ha.replicas().stream().map(r -> ComposeSettings.replicaService(
                ComposeService.PROMETHEUS, r) + ":" + compose.ports().prometheus()).toList();
        return ha.replicas().stream().map(r -> replica(single, ha, r, alertmanagers, store, prometheuses)).toList();
    }

    /**
     * Everything on 127.0.0.1 at the given ports. {@code webhookCredentialsFile} is the file holding the API's
     * webhook token (relative paths resolve against the directory alertmanager.yml is written to).
     */
    public static StackSettings nativeLoopback(Ports ports, String webhookCredentialsFile) {
        return nativeFleet(List.of(loopback(ports.api())), ports, List.of(loopback(ports.alertmanager())),
                webhookCredentialsFile);
    }

    /** The native HA pair at the fleet's replica ports (the first replica's are {@code ports}'). */
    public static List<StackSettings> nativeHighAvailability(Ports ports, String webhookCredentialsFile) {
        FleetSettings.HighAvailability ha = FLEET.highAvailability();
        List<String> alertmanagers = ha.replicas().stream().map(r -> loopback(r.alertmanagerPort())).toList();
        StackSettings single = nativeFleet(List.of(loopback(ports.api())), ports, alertmanagers, webhookCredentialsFile);
        RemoteWrite store = FLEET.longTermStore().remoteWrite(LOOPBACK);
        List<String> prometheuses = ha.replicas().stream().map(r -> loopback(r.prometheusPort())).toList();
        return ha.replicas().stream().map(r -> replica(single, ha, r, alertmanagers, store, prometheuses)).toList();
    }

    /**
     * Loopback, the API instances at {@code apis}, alerting every one of {@code alertmanagers}; the webhook goes to
     * the first API.
     */
    public static StackSettings nativeFleet(List<String> apis, Ports ports, List<String> alertmanagers,
                                            String webhookCredentialsFile) {
        return new StackSettings(
                PrometheusSettings.of(MONITORING, FLEET, FLEET.apiTargetsFile(), apis, loopback(ports.prometheus()),
                        loopback(ports.nodeExporter()), alertmanagers),
                alerting(Webhook.at(apis.get(0), webhookCredentialsFile)));
    }

    /**
     * This stack as one replica of the pair: scraping every one of {@code prometheuses} (itself and its peer, so each
     * replica watches the other and both see the same Prometheus series as the long-term store does) and of
     * {@code alertmanagers}, alerting every Alertmanager, writing to {@code store}.
     */
    public static StackSettings replica(StackSettings single, FleetSettings.HighAvailability ha,
                                        FleetSettings.Replica replica, List<String> alertmanagers, RemoteWrite store,
                                        List<String> prometheuses) {
        PrometheusSettings p = single.prometheus;
        StackJobs stack = MONITORING.stackJobs();
        List<ScrapeJob> jobs = p.scrapeJobs().stream().map(j -> j.name().equals(stack.prometheus())
                ? j.withTargets(prometheuses)
                : j.name().equals(stack.alertmanager()) ? j.withTargets(alertmanagers) : j).toList();
        PrometheusSettings replicated = new PrometheusSettings(p.scrapeInterval(), p.evaluationInterval(), jobs,
                p.ruleFiles(), alertmanagers, p.replica(), p.remoteWrite(), p.targetsRefresh())
                .asReplica(new ReplicaIdentity(ha.replicaLabel(), replica.name()), List.of(store));
        return new StackSettings(replicated, single.alertmanager);
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

    /** The standard routing to the API's {@code webhook}, with {@link #ESCALATION} when set. */
    private static AlertmanagerSettings alerting(Webhook webhook) {
        AlertmanagerSettings standard = AlertmanagerSettings.standard(MONITORING, webhook);
        return ESCALATION.map(standard::withEscalation).orElse(standard);
    }

    static String loopback(int port) {
        return LOOPBACK + ":" + port;
    }
}
