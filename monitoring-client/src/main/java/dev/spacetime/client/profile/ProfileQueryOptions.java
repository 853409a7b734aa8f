package dev.spacetime.client.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The /debug/profile filters, as options and as query parameters (names as the profiler's ProfileQuery reads). */
public final class ProfileQueryOptions {
    public static final String ENDPOINT = "endpoint";
    public static final String METHOD = "method";
    public static final String STATUS = "status";
    public static final String SLOW_ONLY = "slow_only";
    public static final String MIN_DURATION_MS = "min_duration_ms";
    public static final String LIMIT = "limit";

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

    @Option(names = "--limit", description = "At most this many requests (default: the server's, 100).")
    Integer limit;

    Map<String, Object> query() {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put(ENDPOINT, endpoint);
        q.put(METHOD, method);
        q.put(STATUS, status);
        q.put(SLOW_ONLY, slowOnly ? "true" : null);
        q.put(MIN_DURATION_MS, minDurationMs);
        q.put(LIMIT, limit);
        return q;
    }
}
