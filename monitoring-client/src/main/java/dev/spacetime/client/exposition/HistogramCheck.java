package dev.spacetime.client.exposition;

import dev.spacetime.catalog.Labels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Histogram consistency: per series, cumulative buckets that never decrease, a {@code +Inf} bucket equal to count. */
final class HistogramCheck {

    private HistogramCheck() {
    }

    static void validate(MetricFamily family, int line) throws ExpositionException {
        Map<SortedMap<String, String>, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
        Map<SortedMap<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample s : family.samples()) {
            if (s.name().equals(family.name() + "_bucket")) {
                buckets.computeIfAbsent(s.labelsWithout(Labels.LE), k -> new TreeMap<>())
                        .put(ExpositionParser.parseFloat(s.label(Labels.LE)), s.value());
            } else if (s.name().equals(family.name() + "_count")) {
                counts.put(s.labels(), s.value());
            }
        }
        for (var e : buckets.entrySet()) {
            String series = family.name() + Sample.formatLabels(e.getKey());
            double previous = 0;
            for (double count : e.getValue().values()) {
                if (count < previous) {
                    throw new ExpositionException(line, "histogram " + series + " has decreasing bucket counts");
                }
                previous = count;
            }
            Double inf = e.getValue().get(Double.POSITIVE_INFINITY);
            if (inf == null) {
                throw new ExpositionException(line, "histogram " + series + " has no le=\"+Inf\" bucket");
            }
            Double count = counts.get(e.getKey());
            if (count != null && count.doubleValue() != inf.doubleValue()) {
                throw new ExpositionException(line, "histogram " + series + ": _count " + count
                        + " differs from the +Inf bucket " + inf);
            }
        }
    }
}
