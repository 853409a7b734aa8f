package dev.spacetime.server.http;

import dev.spacetime.server.metrics.HttpMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The first handler of every request: attaches its {@link RequestContext}, sets the security headers, and when the
 * response ends (or the connection drops) records the request metrics under the endpoint the route declared and
 * finishes the request's trace, then offers the request as a latency exemplar. A valid W3C {@code traceparent} header
 * is answered with the server's own {@code traceparent} in that trace, and its trace id kept in the profile and the
 * exemplar ({@link TraceParent}). Not instrumented (the configuration's {@code instrumentation.enabled: false}), it
 * does neither: the baseline that measures what instrumentation costs.
 * <p>
 * It listens on the response itself ({@code endHandler}, {@code closeHandler}) rather than through
 * {@code RoutingContext.addEndHandler}, whose per-request handler list and three wrapper handlers cost more than the
 * recording (docs/benchmarks.md). That relies on no handler replacing those two: nothing in this server calls
 * {@code addEndHandler} or sets them (a handler that did would silence the request metrics, which
 * {@code MetricsTest} would catch).
 */
public final class RequestObserver implements Handler<RoutingContext> {
    private final HttpMetrics metrics;
    private final RequestTracer tracer;
    private final boolean instrumented;

    public RequestObserver(HttpMetrics metrics, RequestTracer tracer, boolean instrumented) {
        this.metrics = metrics;
        this.tracer = tracer;
        this.instrumented = instrumented;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!instrumented) {
            RequestContext.attach(ctx, System.nanoTime(), RequestTrace.NONE);
            SecurityHeaders.apply(ctx.response().headers());
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String method = HttpMetrics.methodLabel(request.method());
        long start = System.nanoTime(); // one reading for the metrics and the trace
        SecurityHeaders.apply(response.headers());
        String traceId = null;
        if (request.headers().contains(TraceParent.HEADER)) {
            TraceParent parent = TraceParent.of(request.headers());
            if (parent != null) {
                traceId = parent.traceId();
                response.headers().set(TraceParent.HEADER, parent.child(spanId()));
            }
        }
        RequestContext rc = RequestContext.attach(ctx, start,
                tracer.start(method, request.path(), start, traceId));
        Observation observation = new Observation(request, response, rc, method, traceId);
        response.endHandler(observation).closeHandler(observation);
        ctx.next();
    }

    /** The id of the server's span in a caller's trace: random, never 0. */
    private static long spanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return id;
    }

    /**
     * Records one request once: when its response ends, or when the connection closes first (status 499). The two
     * can race when a worker thread ends the response while the client disconnects, hence the atomic flag.
     */
    private final class Observation implements Handler<Void> {
        private final AtomicBoolean recorded = new AtomicBoolean();
        private final HttpServerRequest request;
        private final HttpServerResponse response;
        private final RequestContext rc;
        private final String method;
        private final String traceId;

        Observation(HttpServerRequest request, HttpServerResponse response, RequestContext rc, String method,
                    String traceId) {
            this.request = request;
            this.response = response;
            this.rc = rc;
            this.method = method;
            this.traceId = traceId;
        }

        @Override
        public void handle(Void ignored) {
            if (!recorded.compareAndSet(false, true)) {
                return;
            }
            long end = System.nanoTime();
            long nanos = end - rc.startNanos();
            int status = response.ended() ? response.getStatusCode() : HttpMetrics.CLIENT_CLOSED;
            long in = request.bytesRead();
            long out = response.bytesWritten();
            String endpoint = rc.endpoint();
            RequestTrace trace = rc.trace();
            // The profile is stored first: an exemplar may only point at a kept profile.
            trace.finish(new RequestOutcome(method, endpoint, status, in, out, nanos));
            HttpMetrics.RouteSeries series = rc.series() != null ? rc.series() : metrics.series(method, endpoint);
            series.record(status, in, out, nanos);
            series.exemplar(nanos, end, trace.profileSequence(), traceId);
        }
    }
}
