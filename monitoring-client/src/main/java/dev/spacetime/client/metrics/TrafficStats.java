package dev.spacetime.client.metrics;

import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.MetricDef;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.client.exposition.Exposition;
import dev.spacetime.client.exposition.ExpositionParser;
import dev.spacetime.client.exposition.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request traffic between two scrapes, computed as Prometheus would: counter deltas (a counter that went down was
 * reset, so its new value is the delta), rates over the measured interval, and a quantile interpolated within the
 * summed histogram buckets ({@code histogram_quantile}). NaN means "cannot be known" (no requests in between).
 *
 * @param seconds      time between the scrapes
 * @param requests     requests answered in between
 * @param serverErrors of which with a 5xx status
 * @param p95Seconds   95th percentile latency of those requests
 */
public record TrafficStats(double seconds, double requests, double serverErrors, double p95Seconds) {

    public static TrafficStats between(Exposition before, Exposition after, double seconds) {
        double requests = 0;
        double errors = 0;
        Map<String, Double> old = bySeries(before.samples(Metrics.HTTP_REQUESTS.name()));
        for (Sample s : after.samples(Metrics.HTTP_REQUESTS.name())) {
            double delta = delta(old.get(key(s)), s.value());
            requests += delta;
            String status = s.label(Labels.STATUS);
            if (status != null && status.startsWith("5")) {
                errors += delta;
            }
        }
        return new TrafficStats(seconds, requests, errors,
                quantile(0.95, bucketDeltas(before, after, Metrics.HTTP_REQUEST_DURATION)));
    }

    public double requestRate() {
        return seconds > 0 ? requests / seconds : Double.NaN;
    }

    /** 5xx responses over all responses; NaN without requests. */
    public double errorRatio() {
        return requests > 0 ? serverErrors / requests : Double.NaN;
    }

    /** Per upper bound, the increase of the bucket summed over every series of the histogram. */
    static TreeMap<Double, Double> bucketDeltas(Exposition before, Exposition after, MetricDef histogram) {
        Map<String, Double> old = bySeries(before.samples(histogram.bucket()));
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (Sample s : after.samples(histogram.bucket())) {
            double le = ExpositionParser.parseFloat(s.label(Labels.LE));
            buckets.merge(le, delta(old.get(key(s)), s.value()), Double::sum);
        }
        return buckets;
    }

    /**
     * {@code histogram_quantile}: find the bucket holding rank q·total and interpolate linearly inside it; the
     * {@code +Inf} bucket answers with the highest finite bound. NaN when there are no observations.
     */
    static double quantile(double q, TreeMap<Double, Double> cumulative) {
        if (cumulative.isEmpty() || !cumulative.containsKey(Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        double total = cumulative.get(Double.POSITIVE_INFINITY);
        if (!(total > 0)) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (var e : cumulative.entrySet()) {
            double le = e.getKey();
            double count = e.getValue();
            if (count >= rank) {
                if (le == Double.POSITIVE_INFINITY) {
                    return lowerBound;
                }
                if (count == lowerCount) {
                    return le;
                }
                return lowerBound + (le - lowerBound) * (rank - lowerCount) / (count - lowerCount);
            }
            lowerBound = le;
            lowerCount = count;
        }
        return lowerBound;
    }

    private static double delta(Double previous, double current) {
        return previous == null || current < previous ? current : current - previous;
    }

    private static Map<String, Double> bySeries(List<Sample> samples) {
        Map<String, Double> m = new HashMap<>();
        samples.forEach(s -> m.put(key(s), s.value()));
        return m;
    }

    private static String key(Sample s) {
        return Sample.formatLabels(s.labels());
    }
}
