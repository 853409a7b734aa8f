package dev.spacetime.server.profiling;

import dev.spacetime.profiler.ProfileQuery;
import dev.spacetime.server.http.ApiException;
import dev.spacetime.server.http.Phases;
import dev.spacetime.server.http.RequestContext;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The query parameters of the /debug/profile routes, checked (as the request's validation phase) into a query. */
record ProfileParameters(ProfileQuery query, Map<String, String> raw) {

    /** @throws ApiException 400 for a malformed or repeated parameter */
    static ProfileParameters of(RoutingContext rc) {
        try (var ignored = RequestContext.of(rc).phase(Phases.VALIDATION)) {
            MultiMap params = rc.queryParams();
            Map<String, String> raw = new HashMap<>();
            for (String name : params.names()) {
                List<String> values = params.getAll(name);
                if (values.size() > 1) {
                    throw new ApiException(400, "query parameter " + name + " is given more than once");
                }
                raw.put(name, values.get(0));
            }
            try {
                return new ProfileParameters(ProfileQuery.fromParameters(raw), Map.copyOf(raw));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, e.getMessage());
            }
        }
    }

    /** A parameter's value, null when absent or blank. */
    String get(String name) {
        String v = raw.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Whether the query narrows which profiles match (a limit alone does not). */
    boolean filtered() {
        return query.endpoint() != null || query.method() != null || query.status() != null || query.slowOnly()
                || query.minDurationMs() != null;
    }
}
