package dev.spacetime.stack;

import java.util.List;
import java.util.Optional;

/**
 * One Prometheus scrape job. With a {@code targetsFile} its targets come from that {@code file_sd_configs} file
 * (beside prometheus.yml, re-read on change) and {@code targets} is what the generator writes into it; otherwise
 * they are static ({@code host:port}).
 */
public record ScrapeJob(String name, String metricsPath, List<String> targets, Optional<String> targetsFile) {

    public static final String METRICS_PATH = "/metrics";

    public ScrapeJob {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("scrape job " + name + " has no target");
        }
    }

    public static ScrapeJob of(String name, String target) {
        return new ScrapeJob(name, METRICS_PATH, List.of(target), Optional.empty());
    }

    /** Targets read from {@code file} (relative to prometheus.yml), which starts out listing {@code targets}. */
    public static ScrapeJob fromFile(String name, String file, List<String> targets) {
        return new ScrapeJob(name, METRICS_PATH, targets, Optional.of(file));
    }
}
