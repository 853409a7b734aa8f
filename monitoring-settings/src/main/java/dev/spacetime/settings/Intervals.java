package dev.spacetime.settings;

import java.util.Objects;

/**
 * How often Prometheus scrapes and evaluates rules. prometheus.yml says it, Grafana's data source needs it (its
 * {@code $__rate_interval} must span four scrapes), and the promtool test data is sampled at the scrape interval.
 *
 * @param scrape     {@code scrape_interval} (SPEC.md: 15 s)
 * @param evaluation {@code evaluation_interval}
 */
public record Intervals(PromDuration scrape, PromDuration evaluation) {

    public Intervals {
        Objects.requireNonNull(scrape);
        Objects.requireNonNull(evaluation);
    }

    /** 15 s both. */
    public static Intervals defaults() {
        PromDuration fifteen = PromDuration.ofSeconds(15);
        return new Intervals(fifteen, fifteen);
    }

    /** Both at {@code interval}: the end-to-end tests' fast stack. */
    public static Intervals both(PromDuration interval) {
        return new Intervals(interval, interval);
    }
}
