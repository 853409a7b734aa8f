package dev.spacetime.benchmarks;

import dev.spacetime.server.metrics.ServerMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code /metrics} as a production server renders it: the default catalog and JVM metrics after traffic on the
 * server's twenty (method, endpoint) pairs (target: under 10 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetricsRenderDefaultBenchmark {
    private PrometheusRegistry registry;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);

    @Setup
    public void setUp() throws IOException {
        ServerMetrics metrics = new ServerMetrics();
        LoadRoutes.traffic(metrics.http());
        registry = metrics.registry();
        System.out.printf("%ndefault catalog after traffic on %d routes: %d samples, %d bytes%n",
                LoadRoutes.ALL.size(), MetricsRenderBenchmark.samples(registry), render().size());
    }

    @Benchmark
    public ByteArrayOutputStream render() throws IOException {
        return MetricsRenderBenchmark.render(registry, out);
    }
}
