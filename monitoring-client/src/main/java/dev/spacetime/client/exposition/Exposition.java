package dev.spacetime.client.exposition;

import java.util.List;
import java.util.Optional;

/** A parsed scrape: its families in exposition order. */
public record Exposition(List<MetricFamily> families) {

    public Exposition {
        families = List.copyOf(families);
    }

    public Optional<MetricFamily> family(String name) {
        return families.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Every sample named {@code seriesName}, whichever family holds it. */
    public List<Sample> samples(String seriesName) {
        return families.stream().flatMap(f -> f.samples(seriesName).stream()).toList();
    }
}
