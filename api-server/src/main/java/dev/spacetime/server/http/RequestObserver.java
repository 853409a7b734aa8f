package dev.spacetime.server.http;

import dev.spacetime.server.metrics.HttpMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The first handler of every request: attaches its {@link RequestContext}, sets the security headers, and when the
 * response ends (or the connection drops) records the request metrics under the endpoint the route declared and
 * finishes the request's trace. Not instrumented (the configuration's {@code instrumentation.enabled: false}), it
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
        RequestContext rc = RequestContext.attach(ctx, start, tracer.start(method, request.path(), start));
        SecurityHeaders.apply(response.headers());
        Observation observation = new Observation(request, response, rc, method);
        response.endHandler(observation).closeHandler(observation);
        ctx.next();
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

        Observation(HttpServerRequest request, HttpServerResponse response, RequestContext rc, String method) {
            this.request = request;
            this.response = response;
            this.rc = rc;
            this.method = method;
        }

        @Override
        public void handle(Void ignored) {
            if (!recorded.compareAndSet(false, true)) {
                return;
            }
            long nanos = System.nanoTime() - rc.startNanos();
            int status = response.ended() ? response.getStatusCode() : HttpMetrics.CLIENT_CLOSED;
            long in = request.bytesRead();
            long out = response.bytesWritten();
            String endpoint = rc.endpoint();
            HttpMetrics.RouteSeries series = rc.series();
            (series != null ? series : metrics.series(method, endpoint)).record(status, in, out, nanos);
            rc.trace().finish(new RequestOutcome(method, endpoint, status, in, out, nanos));
        }
    }
}
