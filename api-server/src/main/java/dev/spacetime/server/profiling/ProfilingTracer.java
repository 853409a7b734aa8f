package dev.spacetime.server.profiling;

import dev.spacetime.catalog.Labels;
import dev.spacetime.profiler.ProfileRecorder;
import dev.spacetime.profiler.Profiler;
import dev.spacetime.server.http.RequestOutcome;
import dev.spacetime.server.http.RequestTrace;
import dev.spacetime.server.http.RequestTracer;

/**
 * The server's {@link RequestTracer} backed by the {@link Profiler}: each sampled request gets a recorder whose
 * phases are the ones handlers report; it is stored under its route template once the response has ended.
 */
final class ProfilingTracer implements RequestTracer {
    private final Profiler profiler;

    ProfilingTracer(Profiler profiler) {
        this.profiler = profiler;
    }

    @Override
    public RequestTrace start(String method, String path, long startNanos, String traceId) {
        // The raw path is never kept: the route template is known only after routing, and given at finish.
        // The profiler runs on Ticker.SYSTEM (ProfilingFeature), the clock of startNanos and of the duration.
        ProfileRecorder recorder = profiler.start(method, Labels.UNMATCHED_ENDPOINT, startNanos, traceId);
        return recorder.active() ? new Trace(recorder) : RequestTrace.NONE;
    }

    private record Trace(ProfileRecorder recorder) implements RequestTrace {
        @Override
        public ProfileRecorder.Scope phase(String name) {
            return recorder.phase(name);
        }

        @Override
        public void finish(RequestOutcome outcome) {
            recorder.finish(outcome.endpoint(), outcome.status(), outcome.requestBytes(), outcome.responseBytes(),
                    outcome.durationNanos());
        }

        @Override
        public long profileSequence() {
            return recorder.sequence();
        }
    }
}
