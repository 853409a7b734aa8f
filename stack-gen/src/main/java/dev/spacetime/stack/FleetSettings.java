package dev.spacetime.stack;

import dev.spacetime.dashboard.Provisioning;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;
import java.util.List;

/**
 * Fleet mode: which API instances Prometheus scrapes, the high-availability pair and the long-term store.
 *
 * @param apiTargetsFile    the {@code file_sd_configs} file beside prometheus.yml listing the API instances;
 *                          Prometheus re-reads it when it changes (and every {@code targetsRefresh}), no restart
 * @param targetsRefresh    file_sd's re-read interval, for file systems where change notifications do not arrive
 *                          (bind mounts on Docker Desktop)
 * @param highAvailability  the two replicas and the Alertmanager cluster
 * @param longTermStore     the VictoriaMetrics the HA variants write to and Grafana's second data source reads
 */
public record FleetSettings(
        String apiTargetsFile,
        PromDuration targetsRefresh,
        HighAvailability highAvailability,
        LongTermStore longTermStore) {

    public static final FleetSettings STANDARD = new FleetSettings("api-targets.yml", PromDuration.ofSeconds(30),
            HighAvailability.STANDARD, LongTermStore.STANDARD);

    /**
     * Two Prometheus replicas scraping the same targets with the same rules, each labelled by an external
     * {@code replicaLabel} that alert_relabel_configs drops, so both send identical alerts to both Alertmanagers,
     * which deduplicate them and gossip notifications and silences.
     *
     * @param peerTimeout how long an Alertmanager waits per position in the cluster before sending what the ones
     *                    before it have not (Alertmanager's default 15 s)
     */
    public record HighAvailability(String replicaLabel, List<Replica> replicas, PromDuration peerTimeout) {

        public static final HighAvailability STANDARD = new HighAvailability("replica", List.of(
                new Replica("a", 9090, 9093, 9094),
                new Replica("b", 9091, 9095, 9096)), PromDuration.ofSeconds(15));

        public HighAvailability {
            replicas = List.copyOf(replicas);
            if (replicas.size() < 2) {
                throw new IllegalArgumentException("high availability needs at least two replicas");
            }
            if (replicas.stream().map(Replica::name).distinct().count() != replicas.size()) {
                throw new IllegalArgumentException("replica names must differ: " + replicas);
            }
        }
    }

    /**
     * One replica's name (the value of the replica label) and the host ports its Prometheus, Alertmanager and
     * Alertmanager's cluster listener use natively (compose publishes the first two there).
     */
    public record Replica(String name, int prometheusPort, int alertmanagerPort, int clusterPort) {
        public Replica {
            if (!name.matches("[a-z0-9]+")) {
                throw new IllegalArgumentException("replica name must be [a-z0-9]+: " + name);
            }
        }
    }

    /**
     * The long-term store run beside the HA pair: Debian's {@code victoria-metrics} natively, its image in compose
     * (the same version).
     *
     * @param retention         {@code -retentionPeriod} (VictoriaMetrics reads a bare number as months)
     * @param dedupInterval     {@code -dedup.minScrapeInterval}: one sample per series per interval survives, so
     *                          the two replicas' copies count once
     */
    public record LongTermStore(String binary, String image, int port, String retention, PromDuration dedupInterval) {
        /** The port Grafana's long-term data source expects (dashboard-gen's {@code Provisioning}). */
        public static final LongTermStore STANDARD = new LongTermStore("/usr/bin/victoria-metrics",
                "victoriametrics/victoria-metrics:v1.79.5", Provisioning.LONG_TERM_PORT, "12",
                Settings.defaults().intervals().scrape());

        /** The flags both ways of running it share (listen address and data path are the caller's). */
        public List<String> flags() {
            return List.of("-retentionPeriod=" + retention, "-dedup.minScrapeInterval=" + dedupInterval);
        }

        public RemoteWrite remoteWrite(String host) {
            return RemoteWrite.victoriaMetrics("http://" + host + ":" + port);
        }
    }
}
