package dev.spacetime.profiler;

/** Builds real profiles through the recorder with a manual clock. */
public final class TestProfiles {
    public final ManualTicker ticker = new ManualTicker();
    public final Profiler profiler;

    public TestProfiles() {
        this(ProfilerSettings.DEFAULTS);
    }

    public TestProfiles(ProfilerSettings settings) {
        profiler = new Profiler(settings, ticker);
    }

    /**
     * A request with auth 10 µs, rate_limit 5 µs, validation 20 µs, file_io 300 µs, parse 400 µs (containing
     * tokenize 150 µs then build_tree 200 µs), serialization 50 µs, gaps of 1 µs before each top-level phase
     * and {@code extraMillis} of untracked time at the end. Total = 791 µs + extraMillis ms.
     */
    @SuppressWarnings("try") // scopes are used for their close() only, as handlers use them
    public RequestProfile sceneLoad(String method, String endpoint, int status, long extraMillis) {
        ProfileRecorder rec = profiler.start(method, endpoint);
        timed(rec, "auth", 10);
        timed(rec, "rate_limit", 5);
        timed(rec, "validation", 20);
        timed(rec, "file_io", 300);
        ticker.advanceMicros(1);
        try (var parse = rec.phase("parse")) {
            ticker.advanceMicros(10);
            try (var t = rec.phase("tokenize")) {
                ticker.advanceMicros(150);
            }
            rec.begin("build_tree");
            ticker.advanceMicros(200);
            rec.end();
            ticker.advanceMicros(40);
        }
        timed(rec, "serialization", 50);
        ticker.advanceMillis(extraMillis);
        rec.finish(status, 120, 4096);
        return rec.profile().orElseThrow();
    }

    /** A request with a single phase of the given length. */
    public RequestProfile simple(String method, String endpoint, int status, long micros) {
        ProfileRecorder rec = profiler.start(method, endpoint);
        timed(rec, "handler", micros);
        rec.finish(status, 0, 0);
        return rec.profile().orElseThrow();
    }

    private void timed(ProfileRecorder rec, String phase, long micros) {
        ticker.advanceMicros(1);
        rec.begin(phase);
        ticker.advanceMicros(micros);
        rec.end();
    }
}
