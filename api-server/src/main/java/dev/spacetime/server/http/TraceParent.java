package dev.spacetime.server.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.HexFormat;

/**
 * A W3C Trace Context {@code traceparent} header (https://www.w3.org/TR/trace-context/#traceparent-header):
 * {@code version-traceid-parentid-flags}, lowercase hex. The server keeps the trace id in the request's profile and
 * latency exemplar and answers with a {@code traceparent} of its own span in that trace. A malformed or repeated
 * header is ignored, as the specification asks: the request is served as if it had none, never refused.
 *
 * @param traceId 32 hex digits, not all zero
 * @param flags   the trace flags (bit 0: the caller sampled the trace)
 */
public record TraceParent(String traceId, int flags) {
    public static final CharSequence HEADER = HttpHeaders.createOptimized("traceparent");

    private static final int VERSION_00_LENGTH = 55;
    /** Longer values (a future version's extra fields) are not worth reading: bounded work per request. */
    private static final int MAX_LENGTH = 512;

    /** The request's trace parent, or null when it has none, a malformed one or more than one. */
    public static TraceParent of(MultiMap requestHeaders) {
        String value = requestHeaders.get(HEADER);
        if (value == null || requestHeaders.getAll(HEADER).size() > 1) {
            return null;
        }
        return parse(value);
    }

    /** Parses one header value; null when it is malformed. */
    public static TraceParent parse(String value) {
        int length = value.length();
        if (length < VERSION_00_LENGTH || length > MAX_LENGTH || !hex(value, 0, 2) || value.charAt(2) != '-'
                || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return null;
        }
        String version = value.substring(0, 2);
        if (version.equals("ff")) {
            return null;
        }
        // Version 00 has exactly these four fields; a later version may append "-…" fields.
        if (version.equals("00") ? length != VERSION_00_LENGTH
                : length > VERSION_00_LENGTH && value.charAt(VERSION_00_LENGTH) != '-') {
            return null;
        }
        if (!hex(value, 3, 35) || !hex(value, 36, 52) || !hex(value, 53, 55)
                || zeros(value, 3, 35) || zeros(value, 36, 52)) {
            return null;
        }
        return new TraceParent(value.substring(3, 35), Integer.parseInt(value, 53, 55, 16));
    }

    /**
     * The {@code traceparent} of the server's own span in this trace, a child of the caller's: version 00, the same
     * trace id, {@code spanId} as parent id, the caller's sampled flag.
     *
     * @param spanId the server span's id, not 0
     */
    public String child(long spanId) {
        return "00-" + traceId + "-" + HexFormat.of().toHexDigits(spanId) + "-0" + (flags & 1);
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
