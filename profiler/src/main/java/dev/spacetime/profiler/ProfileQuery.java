package dev.spacetime.profiler;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which profiles to return. A null field means "any". {@code method} matches case-insensitively;
 * {@code minDurationMs} keeps profiles at least that long; {@code limit} caps the number returned
 * (statistics ignore it and use every matching kept profile).
 */
public record ProfileQuery(String endpoint, String method, Integer status, boolean slowOnly, Double minDurationMs,
                           int limit) {
    public static final int DEFAULT_LIMIT = 100;

    /** Every kept profile, up to {@link #DEFAULT_LIMIT}. */
    public static final ProfileQuery ALL = new ProfileQuery(null, null, null, false, null, DEFAULT_LIMIT);

    /** The query parameter names understood by {@link #fromParameters}. */
    public static final String ENDPOINT = "endpoint";
    public static final String METHOD = "method";
    public static final String STATUS = "status";
    public static final String SLOW_ONLY = "slow_only";
    public static final String MIN_DURATION_MS = "min_duration_ms";
    public static final String LIMIT = "limit";

    public ProfileQuery {
        if (status != null && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status must be an HTTP status 100..599, got " + status);
        }
        if (minDurationMs != null && !(minDurationMs >= 0 && minDurationMs < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("min_duration_ms must be a non-negative number, got " + minDurationMs);
        }
        if (limit < 1 || limit > ProfilerSettings.MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "limit must be between 1 and " + ProfilerSettings.MAX_CAPACITY + ", got " + limit);
        }
    }

    /**
     * Parses HTTP query parameters ({@link #ENDPOINT}, {@link #METHOD}, {@link #STATUS}, {@link #SLOW_ONLY},
     * {@link #MIN_DURATION_MS}, {@link #LIMIT}); other keys are ignored and blank values mean "not given".
     *
     * @throws IllegalArgumentException with a client-presentable message for a malformed value
     */
    public static ProfileQuery fromParameters(Map<String, String> params) {
        return new ProfileQuery(
                text(params, ENDPOINT),
                text(params, METHOD),
                integer(params, STATUS),
                bool(params, SLOW_ONLY),
                number(params, MIN_DURATION_MS),
                Objects.requireNonNullElse(integer(params, LIMIT), DEFAULT_LIMIT));
    }

    public ProfileQuery withEndpoint(String value) {
        return new ProfileQuery(value, method, status, slowOnly, minDurationMs, limit);
    }

    public ProfileQuery withMethod(String value) {
        return new ProfileQuery(endpoint, value, status, slowOnly, minDurationMs, limit);
    }

    public ProfileQuery withStatus(Integer value) {
        return new ProfileQuery(endpoint, method, value, slowOnly, minDurationMs, limit);
    }

    public ProfileQuery withSlowOnly(boolean value) {
        return new ProfileQuery(endpoint, method, status, value, minDurationMs, limit);
    }

    public ProfileQuery withMinDurationMs(Double value) {
        return new ProfileQuery(endpoint, method, status, slowOnly, value, limit);
    }

    public ProfileQuery withLimit(int value) {
        return new ProfileQuery(endpoint, method, status, slowOnly, minDurationMs, value);
    }

    public boolean matches(RequestProfile p) {
        return (endpoint == null || endpoint.equals(p.endpoint()))
                && (method == null || method.equalsIgnoreCase(p.method()))
                && (status == null || status == p.status())
                && (!slowOnly || p.slow())
                && (minDurationMs == null || p.durationNanos() >= minDurationMs * 1e6);
    }

    /** The filters in effect, by query parameter name (for {@code filters_applied}); "any" filters are left out. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (endpoint != null) {
            m.put(ENDPOINT, endpoint);
        }
        if (method != null) {
            m.put(METHOD, method.toUpperCase(Locale.ROOT));
        }
        if (status != null) {
            m.put(STATUS, status);
        }
        m.put(SLOW_ONLY, slowOnly);
        if (minDurationMs != null) {
            m.put(MIN_DURATION_MS, minDurationMs);
        }
        m.put(LIMIT, limit);
        return m;
    }

    private static String text(Map<String, String> params, String key) {
        String v = params.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Integer integer(Map<String, String> params, String key) {
        return parsed(params, key, Integer::valueOf, "an integer");
    }

    private static Double number(Map<String, String> params, String key) {
        return parsed(params, key, Double::valueOf, "a number");
    }

    private static <T> T parsed(Map<String, String> params, String key, Function<String, T> parser, String what) {
        String v = text(params, key);
        if (v == null) {
            return null;
        }
        try {
            return parser.apply(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be " + what);
        }
    }

    private static boolean bool(Map<String, String> params, String key) {
        String v = text(params, key);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false");
        };
    }
}
