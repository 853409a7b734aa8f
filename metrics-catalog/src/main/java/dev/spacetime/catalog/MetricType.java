package dev.spacetime.catalog;

/** Prometheus metric types used by the catalog. */
public enum MetricType {
    COUNTER,
    GAUGE,
    HISTOGRAM
}
