package dev.spacetime.client.exposition;

import dev.spacetime.catalog.Labels;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A family: its name (without sample suffixes), kind, help text (empty when none) and samples in order. */
public record MetricFamily(String name, MetricKind kind, String help, List<Sample> samples) {

    /** The label of a summary's quantile samples. */
    public static final String QUANTILE = "quantile";

    public MetricFamily {
        samples = List.copyOf(samples);
    }

    /** Distinct series: a histogram or summary series is one label set (buckets, sum and count together). */
    public int seriesCount() {
        if (kind == MetricKind.HISTOGRAM || kind == MetricKind.SUMMARY) {
            Set<Object> sets = new LinkedHashSet<>();
            for (Sample s : samples) {
                sets.add(s.labelsWithout(kind == MetricKind.HISTOGRAM ? Labels.LE : QUANTILE));
            }
            return sets.size();
        }
        return samples.size();
    }

    /** Samples whose series name is exactly {@code seriesName}. */
    public List<Sample> samples(String seriesName) {
        return samples.stream().filter(s -> s.name().equals(seriesName)).toList();
    }
}
