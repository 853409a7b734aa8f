package dev.spacetime.stack;

import java.util.List;

/** One Prometheus scrape job with static targets ({@code host:port}). */
public record ScrapeJob(String name, String metricsPath, List<String> targets) {

    public static final String METRICS_PATH = "/metrics";

    public ScrapeJob {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("scrape job " + name + " has no target");
        }
    }

    public static ScrapeJob of(String name, String target) {
        return new ScrapeJob(name, METRICS_PATH, List.of(target));
    }
}
