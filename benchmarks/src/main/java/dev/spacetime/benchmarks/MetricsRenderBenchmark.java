package dev.spacetime.benchmarks;

import dev.spacetime.server.metrics.HttpMetrics;
import dev.spacetime.server.metrics.ServerMetrics;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of rendering {@code /metrics} (collect the registry, write Prometheus text 0.0.4, no gzip) with the server's
 * real registry ({@link ServerMetrics}: the catalog's application metrics and the JVM metrics) grown with request
 * series until it exposes at least {@code series} samples (sample lines, the unit Prometheus counts). Each added route
 * is one {@code http_requests_total} sample plus the three histograms' buckets, sum and count. The setup prints the
 * exact sample count and body size; divide the time by it to check the cost is linear.
 * {@link MetricsRenderDefaultBenchmark} renders the registry a production server has.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetricsRenderBenchmark {

    private static final ExpositionFormatWriter TEXT = ExpositionFormats.init().getPrometheusTextFormatWriter();

    @Param({"1000", "10000", "100000"})
    public int series;

    private PrometheusRegistry registry;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);

    @Setup
    public void setUp() throws IOException {
        ServerMetrics metrics = new ServerMetrics();
        HttpMetrics http = metrics.http();
        registry = metrics.registry();
        int base = samples(registry);
        addRoute(http, 0);
        int perRoute = samples(registry) - base;
        int routes = 1;
        for (; base + routes * perRoute < series; routes++) {
            addRoute(http, routes);
        }
        System.out.printf("%nregistry: %d samples (%d routes x %d + %d), %d bytes of text%n", samples(registry),
                routes, perRoute, base, render().size());
    }

    private static void addRoute(HttpMetrics http, int i) {
        http.series("GET", "/route/" + i).record(200, 100, 1000, 1_000_000);
    }

    @Benchmark
    public ByteArrayOutputStream render() throws IOException {
        return render(registry, out);
    }

    static ByteArrayOutputStream render(PrometheusRegistry registry, ByteArrayOutputStream out) throws IOException {
        out.reset();
        TEXT.write(out, registry.scrape(), EscapingScheme.DEFAULT);
        return out;
    }

    /** Sample lines of the text exposition: every line that is not a {@code # HELP}/{@code # TYPE} comment. */
    static int samples(PrometheusRegistry registry) throws IOException {
        String text = render(registry, new ByteArrayOutputStream()).toString(StandardCharsets.UTF_8);
        return (int) text.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
    }
}
