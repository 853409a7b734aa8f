package dev.spacetime.client.profile;

import dev.spacetime.profiler.ProfileQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The /debug/profile filters, as options and as the query parameters the profiler's {@link ProfileQuery} reads. */
final class ProfileQueryOptions {

    @Option(names = "--endpoint", description = "Only this route template, e.g. /scene.")
    String endpoint;

    @Option(names = "--method", description = "Only this HTTP method.")
    String method;

    @Option(names = "--status", description = "Only this response status.")
    Integer status;

    @Option(names = "--slow-only", description = "Only requests flagged slow.")
    boolean slowOnly;

    @Option(names = "--min-duration-ms", paramLabel = "MS", description = "Only requests at least this long.")
    Double minDurationMs;

    @Option(names = "--limit", description = "At most this many requests (default: " + ProfileQuery.DEFAULT_LIMIT + ").")
    Integer limit;

    Map<String, Object> query() {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put(ProfileQuery.ENDPOINT, endpoint);
        q.put(ProfileQuery.METHOD, method);
        q.put(ProfileQuery.STATUS, status);
        q.put(ProfileQuery.SLOW_ONLY, slowOnly ? "true" : null);
        q.put(ProfileQuery.MIN_DURATION_MS, minDurationMs);
        q.put(ProfileQuery.LIMIT, limit);
        return q;
    }
}
