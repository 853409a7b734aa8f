package dev.spacetime.stack;

import dev.spacetime.alerts.RuleFileLayout;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.StackJobs;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code prometheus.yml} says. Rule file names are relative to the directory of prometheus.yml
 * (Prometheus resolves them there); alert-rules-gen writes them beside it.
 *
 * @param replica      set on each replica of a high-availability pair: an external label, dropped from alerts so
 *                     Alertmanager sees the pair's alerts as one, and from writes to stores that deduplicate
 *                     identical series themselves
 * @param remoteWrite  long-term stores every sample is also sent to
 * @param targetsRefresh how often file_sd targets files are re-read besides change notifications
 */
public record PrometheusSettings(
        PromDuration scrapeInterval,
        PromDuration evaluationInterval,
        List<ScrapeJob> scrapeJobs,
        List<String> ruleFiles,
        List<String> alertmanagers,
        Optional<ReplicaIdentity> replica,
        List<RemoteWrite> remoteWrite,
        PromDuration targetsRefresh) {

    /** The rule files alert-rules-gen writes into {@code monitoring/prometheus/}. */
    public static final List<String> RULE_FILES = List.of(RuleFileLayout.ALERTS_FILE, RuleFileLayout.RECORDING_FILE);

    /** Prometheus rejects a scrape timeout longer than the interval; 10 s is its default otherwise. */
    private static final PromDuration MAX_SCRAPE_TIMEOUT = PromDuration.ofSeconds(10);

    public PrometheusSettings {
        scrapeJobs = List.copyOf(scrapeJobs);
        ruleFiles = List.copyOf(ruleFiles);
        alertmanagers = List.copyOf(alertmanagers);
        remoteWrite = List.copyOf(remoteWrite);
    }

    /**
     * The API instances (its job named by the settings' scope; from {@code targetsFile}, starting out as {@code apis}),
     * and the whole stack under the settings' {@link Settings#stackJobs() job names}: Prometheus itself, every
     * Alertmanager and node exporter, in the scope's cluster (the pipeline and host alerts select them there);
     * alerts to every Alertmanager given.
     */
    public static PrometheusSettings of(Settings settings, FleetSettings fleet, String targetsFile,
                                        List<String> apis, String self, String node, List<String> alertmanagers) {
        StackJobs jobs = settings.stackJobs();
        return new PrometheusSettings(
                settings.intervals().scrape(),
                settings.intervals().evaluation(),
                List.of(ScrapeJob.fromFile(settings.scope(), targetsFile, apis),
                        ScrapeJob.of(settings.stackScope(jobs.prometheus()), List.of(self)),
                        ScrapeJob.of(settings.stackScope(jobs.alertmanager()), alertmanagers),
                        ScrapeJob.of(settings.stackScope(jobs.node()), List.of(node))),
                RULE_FILES,
                alertmanagers,
                Optional.empty(),
                List.of(),
                fleet.targetsRefresh());
    }

    public PromDuration scrapeTimeout() {
        return scrapeInterval.min(MAX_SCRAPE_TIMEOUT);
    }

    public PrometheusSettings withIntervals(PromDuration scrape, PromDuration evaluation) {
        return new PrometheusSettings(scrape, evaluation, scrapeJobs, ruleFiles, alertmanagers, replica, remoteWrite,
                targetsRefresh);
    }

    /** This config as one replica of a pair, writing to {@code stores}. */
    public PrometheusSettings asReplica(ReplicaIdentity identity, List<RemoteWrite> stores) {
        return new PrometheusSettings(scrapeInterval, evaluationInterval, scrapeJobs, ruleFiles, alertmanagers,
                Optional.of(identity), stores, targetsRefresh);
    }

    /** The file_sd targets files this config reads, with the targets each starts out with. */
    public List<ScrapeJob> fileTargets() {
        return scrapeJobs.stream().filter(j -> j.targetsFile().isPresent()).toList();
    }
}
