package dev.spacetime.benchmarks;

import dev.spacetime.server.metrics.HttpMetrics;
import dev.spacetime.server.metrics.ServerMetrics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of recording one request into the server's real request metrics ({@link ServerMetrics#http()}): the status
 * counter and the duration, request-size and response-size histograms through their cached data points.
 * {@link #lookupAndRecord} is exactly what the server's request observer does per request (series lookup by method
 * and endpoint, then record); {@link #recordCachedSeries} is the record alone; {@link #recordAndOfferExemplar} adds
 * the latency exemplar offer that follows it (a bucket search and a volatile read; an update at most once per bucket
 * per 5 s). Run with {@code -prof gc}: the target is no allocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HttpMetricsRecordBenchmark {
    private HttpMetrics http;
    private HttpMetrics.RouteSeries series;
    private long duration;
    private long now;

    @Setup
    public void setUp() {
        http = new ServerMetrics().http();
        // All the server's routes, so the lookup searches a realistically filled map.
        LoadRoutes.traffic(http);
        series = http.series("GET", "/auth/status");
        now = System.nanoTime();
    }

    @Benchmark
    public void recordCachedSeries() {
        // Durations sweep 0..~4 ms so observations land in different buckets, as real ones do.
        duration = (duration + 7_919) & 0x3F_FFFF;
        series.record(200, 120, 180, duration);
    }

    @Benchmark
    public void recordAndOfferExemplar() {
        duration = (duration + 7_919) & 0x3F_FFFF;
        series.record(200, 120, 180, duration);
        now += duration; // the request's end: the server has this clock reading already
        series.exemplar(duration, now, 42, null);
    }

    @Benchmark
    public void lookupAndRecord() {
        duration = (duration + 7_919) & 0x3F_FFFF;
        http.series("GET", "/auth/status").record(200, 120, 180, duration);
    }
}
