package dev.spacetime.server.profiling;

import dev.spacetime.profiler.ProfileQuery;
import dev.spacetime.profiler.Profiler;
import dev.spacetime.profiler.ProfilerSettings;
import dev.spacetime.profiler.RequestProfile;
import dev.spacetime.profiler.export.FlameFormat;
import dev.spacetime.server.http.ApiException;
import java.util.List;

/**
 * What {@code GET /debug/profile/flamegraph} renders: one request ({@code request_id=req_<n>}), the aggregate of
 * every kept request matching the filters ({@code request_id=all}, or any filter), or by default the slowest kept
 * request.
 */
final class FlameGraphs {
    static final String REQUEST_ID = "request_id";
    static final String FORMAT = "format";
    static final String ALL = "all";

    /** A rendered flame graph and the file name it is offered under. */
    record Rendered(String body, String contentType, String fileName) {
    }

    private FlameGraphs() {
    }

    /** @throws ApiException 400 for a bad format, 404 when there is nothing to show */
    static Rendered render(Profiler profiler, ProfileParameters params) {
        FlameFormat format;
        try {
            format = FlameFormat.parse(params.get(FORMAT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        String id = params.get(REQUEST_ID);
        if (ALL.equals(id) || id == null && params.filtered()) {
            // Without an explicit limit the aggregate covers every kept profile that matches.
            ProfileQuery query = params.get(ProfileQuery.LIMIT) == null
                    ? params.query().withLimit(ProfilerSettings.MAX_CAPACITY) : params.query();
            List<RequestProfile> profiles = profiler.recent(query);
            if (profiles.isEmpty()) {
                throw new ApiException(404, params.filtered() ? "no kept request matches the filters"
                        : "no requests have been profiled yet");
            }
            String title = query.endpoint() != null ? query.endpoint() : "all requests";
            String base = "profiles " + (query.endpoint() != null ? query.endpoint() : ALL);
            return new Rendered(format.render(profiles, true, title), format.contentType(), format.fileName(base));
        }
        RequestProfile profile = id != null
                ? profiler.find(id).orElseThrow(() -> new ApiException(404, "no kept request has id " + quoted(id)))
                : profiler.slowestRecent(ProfileQuery.ALL).orElseThrow(() ->
                        new ApiException(404, "no requests have been profiled yet"));
        return new Rendered(format.render(List.of(profile), false, profile.id()), format.contentType(),
                format.fileName(profile.id()));
    }

    /** The id as given, shortened: it is echoed to the client, never trusted. */
    private static String quoted(String id) {
        return "'" + (id.length() > 64 ? id.substring(0, 64) + "..." : id) + "'";
    }
}
