package dev.spacetime.server.http;

import dev.spacetime.catalog.Labels;
import dev.spacetime.profiler.ProfileRecorder;
import dev.spacetime.server.metrics.HttpMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * What the server knows about one request, stored on its {@link RoutingContext}: when it started, which declared
 * route it matched (the {@code endpoint} label), its trace (phases), the parsed JSON body and the authenticated
 * subject. Created by the first handler of every request.
 */
public final class RequestContext {
    private static final String KEY = RequestContext.class.getName();

    private final long startNanos;
    private final RequestTrace trace;
    private volatile String endpoint = Labels.UNMATCHED_ENDPOINT;
    private volatile HttpMetrics.RouteSeries series;
    private volatile Buffer body;
    private volatile JsonObject json;
    private volatile String subject;

    private RequestContext(long startNanos, RequestTrace trace) {
        this.startNanos = startNanos;
        this.trace = trace;
    }

    /** @param startNanos when the request started ({@link System#nanoTime()}) */
    public static RequestContext attach(RoutingContext ctx, long startNanos, RequestTrace trace) {
        RequestContext rc = new RequestContext(startNanos, trace);
        ctx.put(KEY, rc);
        return rc;
    }

    /** The request's context; a detached no-op one if the first handler did not run (never null). */
    public static RequestContext of(RoutingContext ctx) {
        RequestContext rc = ctx.get(KEY);
        return rc != null ? rc : new RequestContext(System.nanoTime(), RequestTrace.NONE);
    }

    /** Starts a timed phase of this request (try-with-resources, or close it in the callback that ends it). */
    public ProfileRecorder.Scope phase(String name) {
        return trace.phase(name);
    }

    public RequestTrace trace() {
        return trace;
    }

    public long startNanos() {
        return startNanos;
    }

    public String endpoint() {
        return endpoint;
    }

    /** The request matched this declared route: its template and its metric series, resolved when it was mounted. */
    public void matched(String template, HttpMetrics.RouteSeries routeSeries) {
        this.series = routeSeries;
        this.endpoint = template;
    }

    /** The matched route's metric series; null until a route matched. */
    public HttpMetrics.RouteSeries series() {
        return series;
    }

    /** The raw request body, for routes declared with a body; null otherwise. */
    public Buffer body() {
        return body;
    }

    public void body(Buffer raw) {
        this.body = raw;
    }

    /** The validated JSON body, for routes declared with a JSON body; an empty object when the body was empty. */
    public JsonObject json() {
        return json;
    }

    public void json(JsonObject body) {
        this.json = body;
    }

    /** The authenticated token's id ({@code jti}), null on public routes. */
    public String subject() {
        return subject;
    }

    public void subject(String tokenId) {
        this.subject = tokenId;
    }
}
