package dev.spacetime.benchmarks;

import dev.spacetime.profiler.ProfileRecorder;
import dev.spacetime.profiler.Profiler;
import dev.spacetime.profiler.ProfilerSettings;
import dev.spacetime.profiler.Ticker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Cost of profiling one request with the six standard phases (parse nested in file_io, as a scene load does),
 * including storing it in the default 1000-entry ring. Run with {@code -prof gc} for bytes per request.
 * {@link #clockRead} and {@link #recordingLogicOnly} split the cost into clock reads (14 per request: one at
 * start, two per phase, one at finish; the server passes its own start and end readings, saving two) and the
 * profiler's own work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProfilerRecordBenchmark {
    private Profiler profiler;
    private Profiler noClockProfiler;

    @Setup
    public void setUp() {
        profiler = new Profiler();
        noClockProfiler = new Profiler(ProfilerSettings.DEFAULTS, new CountingTicker());
    }

    @Benchmark
    public ProfileRecorder recordRequestWithSixPhases() {
        return record(profiler);
    }

    /** The same request with a clock that costs nothing: what the profiler itself adds. */
    @Benchmark
    public ProfileRecorder recordingLogicOnly() {
        return record(noClockProfiler);
    }

    /** Baseline: one monotonic clock read. */
    @Benchmark
    public long clockRead() {
        return System.nanoTime();
    }

    @SuppressWarnings("try") // the scope is used for its close() only, as handlers use it
    private static ProfileRecorder record(Profiler profiler) {
        ProfileRecorder rec = profiler.start("POST", "/scene");
        rec.begin("auth");
        rec.end();
        rec.begin("rate_limit");
        rec.end();
        rec.begin("validation");
        rec.end();
        try (var io = rec.phase("file_io")) {
            rec.begin("parse"); // nested inside file_io
            rec.end();
        }
        rec.begin("serialization");
        rec.end();
        rec.finish(200, 512, 2048);
        return rec;
    }

    /** Advances one nanosecond per read: monotonic, free, and never a constant the JIT could fold away. */
    private static final class CountingTicker implements Ticker {
        private long now;

        @Override
        public long nanoTime() {
            return ++now;
        }

        @Override
        public long epochMillis() {
            return 1_795_000_000_000L;
        }
    }
}
