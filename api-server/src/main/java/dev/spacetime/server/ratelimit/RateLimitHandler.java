package dev.spacetime.server.ratelimit;

import dev.spacetime.server.http.ApiException;
import dev.spacetime.server.http.Phases;
import dev.spacetime.server.http.RequestContext;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Applies one route's group limit: {@code X-RateLimit-*} on every response, 429 with {@code Retry-After} past it. */
public final class RateLimitHandler implements Handler<RoutingContext> {
    private final RateLimiter limiter;
    private final ClientAddress clients;
    private final RouteGroup group;
    private final CounterDataPoint hits;

    /** @param hits {@code rate_limit_hits_total} bound to this route's endpoint label */
    public RateLimitHandler(RateLimiter limiter, ClientAddress clients, RouteGroup group, CounterDataPoint hits) {
        this.limiter = limiter;
        this.clients = clients;
        this.group = group;
        this.hits = hits;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RateLimiter.Decision d;
        try (var ignored = RequestContext.of(ctx).phase(Phases.RATE_LIMIT)) {
            d = limiter.acquire(clients.of(ctx.request()), group);
        }
        MultiMap headers = ctx.response().headers();
        headers.set("X-RateLimit-Limit", Integer.toString(d.limit()))
                .set("X-RateLimit-Remaining", Integer.toString(d.remaining()))
                .set("X-RateLimit-Reset", Long.toString(d.resetSeconds()));
        if (d.allowed()) {
            ctx.next();
            return;
        }
        hits.inc();
        ctx.fail(new ApiException(429, "too_many_requests", "rate limit of " + d.limit() + " requests per minute"
                + " exceeded; retry after " + d.retryAfterSeconds() + " s",
                Map.of("Retry-After", Long.toString(d.retryAfterSeconds()))));
    }
}
