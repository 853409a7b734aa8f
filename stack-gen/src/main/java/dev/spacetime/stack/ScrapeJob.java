package dev.spacetime.stack;

import dev.spacetime.settings.Scope;
import java.util.List;
import java.util.Optional;

/**
 * One Prometheus scrape job. With a {@code targetsFile} its targets come from that {@code file_sd_configs} file
 * (beside prometheus.yml, re-read on change) and {@code targets} is what the generator writes into it; otherwise
 * they are static ({@code host:port}). With a {@code cluster}, every series of the job carries that label (set by
 * target relabelling), since the rules and the dashboard select on it.
 */
public record ScrapeJob(String name, String metricsPath, List<String> targets, Optional<String> targetsFile,
                        Optional<Scope.Cluster> cluster) {

    public static final String METRICS_PATH = "/metrics";

    public ScrapeJob {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("scrape job " + name + " has no target");
        }
    }

    /** The scope's job scraping static {@code targets}, labelled with the scope's cluster when it has one. */
    public static ScrapeJob of(Scope scope, List<String> targets) {
        return new ScrapeJob(scope.job(), METRICS_PATH, targets, Optional.empty(), scope.cluster());
    }

    /** The same job at other static targets. */
    public ScrapeJob withTargets(List<String> others) {
        return new ScrapeJob(name, metricsPath, others, targetsFile, cluster);
    }

    /**
     * The scope's job: targets read from {@code file} (relative to prometheus.yml), which starts out listing
     * {@code targets}; labelled with the scope's cluster when it has one.
     */
    public static ScrapeJob fromFile(Scope scope, String file, List<String> targets) {
        return new ScrapeJob(scope.job(), METRICS_PATH, targets, Optional.of(file), scope.cluster());
    }
}
