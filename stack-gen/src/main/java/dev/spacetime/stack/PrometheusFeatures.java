package dev.spacetime.stack;

import java.util.List;

/**
 * Feature flags of every generated Prometheus (compose and native runner). Exemplar storage keeps the latency
 * exemplars ({@code request_id} of a request with its flame graph) that the API exposes on its duration buckets.
 * They only arrive over OpenMetrics or protobuf: Prometheus 2.42 (Debian's, and the pinned image) already asks for
 * OpenMetrics first in its scrape {@code Accept} header; {@code scrape_protocols}, which pins the order, exists only
 * from 2.49 on and would fail 2.42's config check.
 */
public final class PrometheusFeatures {
    public static final List<String> FLAGS = List.of("--enable-feature=exemplar-storage");

    private PrometheusFeatures() {
    }
}
