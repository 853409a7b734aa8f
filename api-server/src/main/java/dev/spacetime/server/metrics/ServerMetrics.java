package dev.spacetime.server.metrics;

import dev.spacetime.catalog.AuthResult;
import dev.spacetime.catalog.MetricDef;
import dev.spacetime.catalog.MetricType;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.catalog.SceneErrorType;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * The server's registry: every {@link dev.spacetime.catalog.Source#APPLICATION} metric of the catalog, registered
 * from its definition (name, help, labels, buckets), plus client_java's JVM and process metrics.
 *
 * <p>Unlabelled gauges are callback gauges fed by a {@link DoubleSupplier} that the owner of the value installs with
 * {@link #gaugeSource}; until then they export no sample, so nothing reports a number nobody measured (engine fps
 * before the scene runtime exists).
 */
public final class ServerMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<MetricDef, Counter> counters = new HashMap<>();
    private final Map<MetricDef, Gauge> gauges = new HashMap<>();
    private final Map<MetricDef, Histogram> histograms = new HashMap<>();
    private final Map<MetricDef, DoubleSupplier> gaugeSources = new ConcurrentHashMap<>();
    private final Map<AuthResult, CounterDataPoint> authAttempts = new EnumMap<>(AuthResult.class);
    private final Map<SceneErrorType, CounterDataPoint> sceneLoadErrors = new EnumMap<>(SceneErrorType.class);
    private final HttpMetrics http;

    public ServerMetrics() {
        for (MetricDef def : Metrics.application()) {
            register(def);
        }
        JvmMetrics.builder().register(registry);
        // Label values that alerts divide by exist from the first scrape, at 0.
        Counter auth = counter(Metrics.AUTH_ATTEMPTS);
        for (AuthResult r : AuthResult.values()) {
            authAttempts.put(r, auth.labelValues(r.label()));
        }
        Counter sceneErrors = counter(Metrics.SCENE_LOAD_ERRORS);
        for (SceneErrorType t : SceneErrorType.values()) {
            sceneLoadErrors.put(t, sceneErrors.labelValues(t.label()));
        }
        http = new HttpMetrics(counter(Metrics.HTTP_REQUESTS), histogram(Metrics.HTTP_REQUEST_DURATION),
                histogram(Metrics.HTTP_REQUEST_SIZE), histogram(Metrics.HTTP_RESPONSE_SIZE));
    }

    private void register(MetricDef def) {
        String[] labels = def.labels().toArray(String[]::new);
        // No exemplars: the server has no tracer, so none could ever be kept, yet client_java's exemplar sampler
        // would still run (and allocate) on every inc/observe of the request hot path.
        switch (def.type()) {
            case COUNTER -> counters.put(def, Counter.builder().name(def.baseName()).help(def.help())
                    .labelNames(labels).withoutExemplars().register(registry));
            case HISTOGRAM -> histograms.put(def, Histogram.builder().name(def.name()).help(def.help())
                    .labelNames(labels).classicOnly().withoutExemplars()
                    .classicUpperBounds(def.buckets().stream().mapToDouble(Double::doubleValue).toArray())
                    .register(registry));
            case GAUGE -> {
                if (labels.length == 0) {
                    GaugeWithCallback.builder().name(def.name()).help(def.help()).callback(cb -> {
                        DoubleSupplier source = gaugeSources.get(def);
                        if (source != null) {
                            cb.call(source.getAsDouble());
                        }
                    }).register(registry);
                } else {
                    gauges.put(def, Gauge.builder().name(def.name()).help(def.help()).labelNames(labels)
                            .register(registry));
                }
            }
        }
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public HttpMetrics http() {
        return http;
    }

    public Counter counter(MetricDef def) {
        return lookup(counters, def, MetricType.COUNTER);
    }

    /** A labelled gauge; unlabelled ones are fed through {@link #gaugeSource}. */
    public Gauge gauge(MetricDef def) {
        return lookup(gauges, def, MetricType.GAUGE);
    }

    public Histogram histogram(MetricDef def) {
        return lookup(histograms, def, MetricType.HISTOGRAM);
    }

    /** Installs the value source of an unlabelled gauge (e.g. the scene runtime's measured fps). */
    public void gaugeSource(MetricDef def, DoubleSupplier source) {
        if (def.type() != MetricType.GAUGE || !def.labels().isEmpty()) {
            throw new IllegalArgumentException(def.name() + " is not an unlabelled gauge");
        }
        gaugeSources.put(def, source);
    }

    /** The current value of an unlabelled gauge, empty while nobody feeds it. */
    public OptionalDouble gaugeValue(MetricDef def) {
        DoubleSupplier source = gaugeSources.get(def);
        return source == null ? OptionalDouble.empty() : OptionalDouble.of(source.getAsDouble());
    }

    public void authAttempt(AuthResult result) {
        authAttempts.get(result).inc();
    }

    public void sceneLoadError(SceneErrorType type) {
        sceneLoadErrors.get(type).inc();
    }

    /** A rate-limit rejection counter bound to one route template (create once per route, then just inc). */
    public CounterDataPoint rateLimitHits(String endpoint) {
        return counter(Metrics.RATE_LIMIT_HITS).labelValues(endpoint);
    }

    private static <T> T lookup(Map<MetricDef, T> map, MetricDef def, MetricType type) {
        T metric = map.get(def);
        if (metric == null) {
            throw new IllegalArgumentException(def.name() + " is not an application " + type + " of this shape");
        }
        return metric;
    }
}
