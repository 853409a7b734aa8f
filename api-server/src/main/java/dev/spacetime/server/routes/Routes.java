package dev.spacetime.server.routes;

import dev.spacetime.server.auth.AuthHandler;
import dev.spacetime.server.auth.Role;
import dev.spacetime.server.auth.TokenService;
import dev.spacetime.server.http.BodyReader;
import dev.spacetime.server.http.JsonBody;
import dev.spacetime.server.http.RequestContext;
import dev.spacetime.server.metrics.HttpMetrics;
import dev.spacetime.server.metrics.ServerMetrics;
import dev.spacetime.server.ratelimit.ClientAddress;
import dev.spacetime.server.ratelimit.RateLimitHandler;
import dev.spacetime.server.ratelimit.RateLimiter;
import dev.spacetime.server.ratelimit.RouteGroup;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where routes are declared. A declaration names what the route needs (role, rate-limit group, JSON body) and this
 * class mounts the checks in the one order every route shares: auth (401/403) → rate limit (429) → body size (413)
 * → content type (415) → JSON (400) → the handler. It also labels the request with its route template, which is
 * the {@code endpoint} of every metric. A GET route answers HEAD too (same checks, same headers, no body), as
 * uptime checkers expect; HEAD is counted under its own {@code method} label.
 */
public final class Routes {

    /** Request bodies above this are refused with 413. */
    public static final long BODY_LIMIT = 1024 * 1024;

    private final Router router;
    private final ServerMetrics metrics;
    private final TokenService tokens;
    private final RateLimiter rateLimiter;
    private final ClientAddress clientAddress;
    private final List<Declared> declared = new CopyOnWriteArrayList<>();

    /**
     * A mounted route: what tests and 405's {@code Allow} enumerate. {@code role}/{@code group} may be null. A
     * {@code :name} segment of the path matches any one non-empty segment.
     */
    public record Declared(HttpMethod method, String path, Role role, RouteGroup group, boolean jsonBody) {

        /** Whether a request path (normalised) is this route's. */
        boolean matches(String requestPath) {
            String[] template = path.split("/", -1);
            String[] actual = requestPath.split("/", -1);
            if (template.length != actual.length) {
                return false;
            }
            for (int i = 0; i < template.length; i++) {
                boolean parameter = template[i].startsWith(":") && !actual[i].isEmpty();
                if (!parameter && !template[i].equals(actual[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Routes on {@code router}, checked with these tokens and rate limits, counted in these metrics. */
    public Routes(Router router, ServerMetrics metrics, TokenService tokens, RateLimiter rateLimiter,
                  ClientAddress clientAddress) {
        this.router = router;
        this.metrics = metrics;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.clientAddress = clientAddress;
    }

    public Endpoint get(String path) {
        return new Endpoint(HttpMethod.GET, path);
    }

    public Endpoint post(String path) {
        return new Endpoint(HttpMethod.POST, path);
    }

    public Endpoint put(String path) {
        return new Endpoint(HttpMethod.PUT, path);
    }

    /** Every route declared so far, in declaration order. */
    public List<Declared> declared() {
        return List.copyOf(declared);
    }

    /** The methods routed for a request path (for 405's {@code Allow}); HEAD wherever GET is. */
    public Set<String> allowedMethods(String path) {
        Set<String> methods = new TreeSet<>();
        declared.stream().filter(d -> d.matches(path)).forEach(d -> methods.add(d.method().name()));
        if (methods.contains(HttpMethod.GET.name())) {
            methods.add(HttpMethod.HEAD.name());
        }
        return methods;
    }

    /** One route being declared; {@link #handler} mounts it. */
    public final class Endpoint {
        private final HttpMethod method;
        private final String path;
        private Role role;
        private RouteGroup group;
        private boolean json;
        private int[] seedStatuses = {200};

        private Endpoint(HttpMethod method, String path) {
            if (!path.startsWith("/") || path.contains("*") || !path.matches("(/(:[a-z_]+|[^:/]*))+")) {
                throw new IllegalArgumentException(
                        "route templates are exact paths with whole-segment :parameters: " + path);
            }
            this.method = method;
            this.path = path;
        }

        /** Requires a bearer token with at least this role. */
        public Endpoint role(Role required) {
            this.role = required;
            return this;
        }

        /** Rate-limits the route within this group. */
        public Endpoint limit(RouteGroup routeGroup) {
            this.group = routeGroup;
            return this;
        }

        /** Accepts a JSON object body (≤ {@link #BODY_LIMIT}), available as {@link RequestContext#json()}. */
        public Endpoint jsonBody() {
            this.json = true;
            return this;
        }

        /** The success statuses to pre-seed at 0 in {@code http_requests_total} (default 200); 500 always is. */
        public Endpoint successStatuses(int... statuses) {
            this.seedStatuses = statuses.clone();
            return this;
        }

        public Route handler(Handler<RoutingContext> handler) {
            String endpoint = path;
            int[] statuses = java.util.Arrays.copyOf(seedStatuses, seedStatuses.length + 1);
            statuses[seedStatuses.length] = 500;
            HttpMetrics.RouteSeries series = metrics.http()
                    .seed(HttpMetrics.methodLabel(method), endpoint, statuses);
            Route route = router.route(method, path);
            boolean answersHead = method == HttpMethod.GET;
            if (answersHead) {
                route.method(HttpMethod.HEAD);
            }
            boolean readsBody = json;
            route.handler(rc -> {
                if (answersHead && rc.request().method() == HttpMethod.HEAD) {
                    // No series given: the observer resolves the HEAD series on first use (not pre-seeded).
                    RequestContext.of(rc).matched(endpoint, null);
                    rc.addHeadersEndHandler(v -> headContentLength(rc.response()));
                } else {
                    RequestContext.of(rc).matched(endpoint, series);
                }
                if (readsBody) {
                    rc.request().pause();
                }
                rc.next();
            });
            if (role != null) {
                route.handler(new AuthHandler(tokens, role, metrics));
            }
            if (group != null) {
                route.handler(new RateLimitHandler(rateLimiter, clientAddress, group,
                        metrics.rateLimitHits(endpoint)));
            }
            if (json) {
                route.handler(new BodyReader(BODY_LIMIT)).handler(JsonBody.INSTANCE);
            }
            route.handler(handler);
            declared.add(new Declared(method, path, role, group, json));
            return route;
        }
    }

    /**
     * A HEAD response carries the Content-Length its GET would have: Vert.x drops the body of a HEAD response but,
     * unlike for GET, does not set the length. When the headers go out from {@code end(body)}, the response counts
     * as ended and {@code bytesWritten} is the whole body; a response streamed in chunks has no length, as its GET.
     */
    private static void headContentLength(HttpServerResponse response) {
        MultiMap headers = response.headers();
        if (response.ended() && !headers.contains(HttpHeaders.CONTENT_LENGTH)) {
            headers.set(HttpHeaders.CONTENT_LENGTH, Long.toString(response.bytesWritten()));
        }
    }
}
