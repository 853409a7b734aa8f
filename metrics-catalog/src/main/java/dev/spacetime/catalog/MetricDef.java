package dev.spacetime.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One metric family as PromQL sees it.
 *
 * @param name    the series name in queries; counters carry their {@code _total} suffix
 * @param type    counter, gauge or histogram
 * @param help    HELP text
 * @param labels  label names, in the order the server sets them
 * @param buckets histogram upper bounds (empty for other types)
 * @param source  who exposes it
 */
public record MetricDef(String name, MetricType type, String help, List<String> labels, List<Double> buckets,
                        Source source) {

    public MetricDef {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(help);
        labels = List.copyOf(labels);
        buckets = List.copyOf(buckets);
        Objects.requireNonNull(source);
        if (type == MetricType.COUNTER && !name.endsWith("_total")) {
            throw new IllegalArgumentException("counter name must end in _total: " + name);
        }
        if (type == MetricType.HISTOGRAM && buckets.isEmpty()) {
            throw new IllegalArgumentException("histogram needs buckets: " + name);
        }
    }

    /**
     * The family name without a counter's {@code _total}: what client_java 1.x registers (it appends {@code _total}
     * itself) and the metric part of recording rule names ({@code level:metric:operations}).
     */
    public String baseName() {
        return type == MetricType.COUNTER ? name.substring(0, name.length() - "_total".length()) : name;
    }

    /** {@code name_bucket}; only for histograms. */
    public String bucket() {
        return histogramSeries("_bucket");
    }

    /** {@code name_count}; only for histograms. */
    public String count() {
        return histogramSeries("_count");
    }

    /** {@code name_sum}; only for histograms. */
    public String sum() {
        return histogramSeries("_sum");
    }

    /** Every series name this family produces (a histogram produces three). */
    public List<String> seriesNames() {
        return type == MetricType.HISTOGRAM ? List.of(bucket(), count(), sum()) : List.of(name);
    }

    private String histogramSeries(String suffix) {
        if (type != MetricType.HISTOGRAM) {
            throw new IllegalStateException(name + " is not a histogram");
        }
        return name + suffix;
    }
}
