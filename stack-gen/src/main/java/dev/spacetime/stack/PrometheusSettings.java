package dev.spacetime.stack;

import dev.spacetime.alerts.RuleFileLayout;
import dev.spacetime.catalog.Jobs;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;
import java.util.List;

/**
 * Everything {@code prometheus.yml} says. Rule file names are relative to the directory of prometheus.yml
 * (Prometheus resolves them there); alert-rules-gen writes them beside it.
 */
public record PrometheusSettings(
        PromDuration scrapeInterval,
        PromDuration evaluationInterval,
        List<ScrapeJob> scrapeJobs,
        List<String> ruleFiles,
        List<String> alertmanagers) {

    /** The rule files alert-rules-gen writes into {@code monitoring/prometheus/}. */
    public static final List<String> RULE_FILES = List.of(RuleFileLayout.ALERTS_FILE, RuleFileLayout.RECORDING_FILE);

    /** Prometheus rejects a scrape timeout longer than the interval; 10 s is its default otherwise. */
    private static final PromDuration MAX_SCRAPE_TIMEOUT = PromDuration.ofSeconds(10);

    public PrometheusSettings {
        scrapeJobs = List.copyOf(scrapeJobs);
        ruleFiles = List.copyOf(ruleFiles);
        alertmanagers = List.copyOf(alertmanagers);
    }

    /** The API (its job named by the settings' scope), Prometheus itself and node exporter, at the given addresses. */
    public static PrometheusSettings of(Settings settings, String api, String self, String node, String alertmanager) {
        return new PrometheusSettings(
                settings.intervals().scrape(),
                settings.intervals().evaluation(),
                List.of(ScrapeJob.of(settings.scope().job(), api), ScrapeJob.of(Jobs.PROMETHEUS, self),
                        ScrapeJob.of(Jobs.NODE, node)),
                RULE_FILES,
                List.of(alertmanager));
    }

    public PromDuration scrapeTimeout() {
        return scrapeInterval.min(MAX_SCRAPE_TIMEOUT);
    }

    public PrometheusSettings withIntervals(PromDuration scrape, PromDuration evaluation) {
        return new PrometheusSettings(scrape, evaluation, scrapeJobs, ruleFiles, alertmanagers);
    }
}
