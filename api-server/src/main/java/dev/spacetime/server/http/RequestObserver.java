package dev.spacetime.server.http;

import dev.spacetime.server.metrics.HttpMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * The first handler of every request: attaches its {@link RequestContext}, sets the security headers, and when the
 * response ends (or the connection drops) records the request metrics under the endpoint the route declared and
 * finishes the request's trace. Not instrumented (the configuration's {@code instrumentation.enabled: false}), it
 * does neither: the baseline that measures what instrumentation costs.
 */
public final class RequestObserver implements Handler<RoutingContext> {
    private final HttpMetrics metrics;
    private final Supplier<RequestTracer> tracer;
    private final boolean instrumented;

    public RequestObserver(HttpMetrics metrics, Supplier<RequestTracer> tracer, boolean instrumented) {
        this.metrics = metrics;
        this.tracer = tracer;
        this.instrumented = instrumented;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!instrumented) {
            RequestContext.attach(ctx, RequestTrace.NONE);
            SecurityHeaders.apply(ctx.response().headers());
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        String method = HttpMetrics.methodLabel(request.method());
        RequestContext rc = RequestContext.attach(ctx, tracer.get().start(method, request.path()));
        SecurityHeaders.apply(ctx.response().headers());
        ctx.addEndHandler(ar -> {
            HttpServerResponse response = ctx.response();
            int status = ar.succeeded() ? response.getStatusCode() : HttpMetrics.CLIENT_CLOSED;
            long nanos = System.nanoTime() - rc.startNanos();
            long in = request.bytesRead();
            long out = response.bytesWritten();
            metrics.series(method, rc.endpoint()).record(status, in, out, nanos);
            rc.trace().finish(new RequestOutcome(method, rc.endpoint(), status, in, out, nanos));
        });
        ctx.next();
    }
}
