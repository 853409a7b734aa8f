package dev.spacetime.client.exposition;

import java.util.Locale;

/** The {@code # TYPE} of a family in text format 0.0.4 ({@code UNTYPED} when no TYPE line names it). */
public enum MetricKind {
    COUNTER,
    GAUGE,
    HISTOGRAM,
    SUMMARY,
    UNTYPED;

    static MetricKind parse(String text) {
        for (MetricKind k : values()) {
            if (k.label().equals(text)) {
                return k;
            }
        }
        return null;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
