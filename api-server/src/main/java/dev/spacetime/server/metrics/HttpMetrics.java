package dev.spacetime.server.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * Request metrics with their label-bound data points cached per (endpoint, method): recording a request is two map
 * lookups and an array read, never a label-building call. Labels are bounded: the endpoint is a declared route
 * template or the unmatched value, the method one of the standard ones or {@code OTHER}, the status a number
 * below 600.
 */
public final class HttpMetrics {

    /** Status recorded when the client closed the connection before the response ended (nginx's convention). */
    public static final int CLIENT_CLOSED = 499;

    private static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

    private final Counter requests;
    private final Histogram duration;
    private final Histogram requestSize;
    private final Histogram responseSize;
    private final double[] durationBounds;
    private final Map<String, Map<String, RouteSeries>> byEndpoint = new ConcurrentHashMap<>();
    private volatile Supplier<LongPredicate> keptProfiles = () -> sequence -> false;

    HttpMetrics(Counter requests, Histogram duration, double[] durationBounds, Histogram requestSize,
                Histogram responseSize) {
        this.requests = requests;
        this.duration = duration;
        this.durationBounds = durationBounds.clone();
        this.requestSize = requestSize;
        this.responseSize = responseSize;
    }

    /**
     * Where latency exemplars check, at each scrape, which requests' profiles are still kept (by profile sequence):
     * only those are advertised. Until the profiler installs it, no exemplar is.
     */
    public void keptProfiles(Supplier<LongPredicate> kept) {
        this.keptProfiles = Objects.requireNonNull(kept);
    }

    LongPredicate keptProfiles() {
        return keptProfiles.get();
    }

    /** The exemplars of a route that has recorded requests, or null. */
    LatencyExemplars exemplars(String method, String endpoint) {
        Map<String, RouteSeries> byMethod = byEndpoint.get(endpoint);
        RouteSeries series = byMethod == null ? null : byMethod.get(method);
        return series == null ? null : series.exemplars;
    }

    /** The {@code method} label: custom methods collapse into one value. */
    public static String methodLabel(HttpMethod method) {
        String name = method.name();
        return STANDARD_METHODS.contains(name) ? name : "OTHER";
    }

    /** The cached series of one route; {@code method} must be a {@link #methodLabel}. */
    public RouteSeries series(String method, String endpoint) {
        // Hit path first: computeIfAbsent's lambda captures method/endpoint and would allocate on every request.
        Map<String, RouteSeries> byMethod = byEndpoint.get(endpoint);
        RouteSeries cached = byMethod == null ? null : byMethod.get(method);
        if (cached != null) {
            return cached;
        }
        return byEndpoint.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(method, m -> new RouteSeries(m, endpoint));
    }

    /**
     * Creates {@code http_requests_total} at 0 for these statuses, so ratios over it exist before traffic, and returns
     * the route's series (a declared route keeps it, so its requests skip the lookup).
     */
    public RouteSeries seed(String method, String endpoint, int... statuses) {
        RouteSeries series = series(method, endpoint);
        for (int status : statuses) {
            series.requests(status);
        }
        return series;
    }

    /** The data points of one (method, endpoint). */
    public final class RouteSeries {
        private final String method;
        private final String endpoint;
        private final DistributionDataPoint durationPoint;
        private final DistributionDataPoint requestSizePoint;
        private final DistributionDataPoint responseSizePoint;
        private final AtomicReferenceArray<CounterDataPoint> byStatus = new AtomicReferenceArray<>(600);
        private final LatencyExemplars exemplars = new LatencyExemplars(durationBounds, System.nanoTime());

        private RouteSeries(String method, String endpoint) {
            this.method = method;
            this.endpoint = endpoint;
            this.durationPoint = duration.labelValues(method, endpoint);
            this.requestSizePoint = requestSize.labelValues(method, endpoint);
            this.responseSizePoint = responseSize.labelValues(method, endpoint);
        }

        public void record(int status, long requestBytes, long responseBytes, long durationNanos) {
            requests(status).inc();
            durationPoint.observe(durationNanos / 1e9);
            requestSizePoint.observe(requestBytes);
            responseSizePoint.observe(responseBytes);
        }

        /**
         * Offers a finished request as the latency exemplar of its bucket (kept only when the bucket is due: no labels
         * are built here). Call after its profile was stored.
         *
         * @param endNanos        {@link System#nanoTime()} when it ended
         * @param profileSequence its profile's sequence, 0 when it was not profiled (never an exemplar)
         * @param traceId         the W3C trace id it came with, or null
         */
        public void exemplar(long durationNanos, long endNanos, long profileSequence, String traceId) {
            exemplars.offer(durationNanos, endNanos, profileSequence, traceId);
        }

        private CounterDataPoint requests(int status) {
            int slot = status >= 100 && status < 600 ? status : 500;
            CounterDataPoint point = byStatus.get(slot);
            if (point == null) {
                point = requests.labelValues(method, endpoint, Integer.toString(slot));
                byStatus.compareAndSet(slot, null, point);
            }
            return point;
        }
    }
}
