package dev.spacetime.server.metrics;

import dev.spacetime.catalog.Labels;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * {@code http_request_duration_seconds} as registered: client_java's histogram (built without its own exemplar
 * sampler) whose data points get the {@link LatencyExemplars} of their route at scrape time. The exposition writers
 * put them where client_java puts its own: on the buckets in OpenMetrics and protobuf, nowhere in text 0.0.4.
 */
final class ExemplarHistogram implements Collector {
    private final Histogram histogram;
    private final HttpMetrics http;

    ExemplarHistogram(Histogram histogram, HttpMetrics http) {
        this.histogram = histogram;
        this.http = http;
    }

    @Override
    public MetricSnapshot collect() {
        HistogramSnapshot snapshot = histogram.collect();
        LongPredicate kept = http.keptProfiles();
        List<HistogramDataPointSnapshot> points = new ArrayList<>(snapshot.getDataPoints().size());
        for (HistogramDataPointSnapshot p : snapshot.getDataPoints()) {
            LatencyExemplars exemplars = http.exemplars(p.getLabels().get(Labels.METHOD),
                    p.getLabels().get(Labels.ENDPOINT));
            if (exemplars == null) {
                points.add(p);
                continue;
            }
            var point = HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(p.getClassicBuckets())
                    .labels(p.getLabels())
                    .exemplars(exemplars.collect(kept));
            if (p.hasSum()) {
                point.sum(p.getSum());
            }
            if (p.hasCreatedTimestamp()) {
                point.createdTimestampMillis(p.getCreatedTimestampMillis());
            }
            points.add(point.build());
        }
        return new HistogramSnapshot(snapshot.getMetadata(), points);
    }

    @Override
    public String getPrometheusName() {
        return histogram.getPrometheusName();
    }

    @Override
    public MetricType getMetricType() {
        return histogram.getMetricType();
    }

    @Override
    public Set<String> getLabelNames() {
        return histogram.getLabelNames();
    }

    @Override
    public MetricMetadata getMetadata() {
        return histogram.getMetadata();
    }

    @Override
    public MetricFamilyDescriptor getMetricFamilyDescriptor() {
        return histogram.getMetricFamilyDescriptor();
    }
}
