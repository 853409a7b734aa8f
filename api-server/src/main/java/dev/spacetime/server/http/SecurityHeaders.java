package dev.spacetime.server.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/** Headers every response carries: the API serves JSON and text only, so nothing may be sniffed, framed or loaded. */
public final class SecurityHeaders {

    // Pre-encoded names and values: set on every response, so they are not re-encoded per request.
    private static final CharSequence[] NAMES_AND_VALUES = {
            HttpHeaders.createOptimized("X-Content-Type-Options"), HttpHeaders.createOptimized("nosniff"),
            HttpHeaders.createOptimized("X-Frame-Options"), HttpHeaders.createOptimized("DENY"),
            HttpHeaders.createOptimized("Referrer-Policy"), HttpHeaders.createOptimized("no-referrer"),
            HttpHeaders.createOptimized("Content-Security-Policy"), HttpHeaders.createOptimized(
                    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"),
            HttpHeaders.createOptimized("Cache-Control"), HttpHeaders.createOptimized("no-store")};

    private SecurityHeaders() {
    }

    public static void apply(MultiMap headers) {
        for (int i = 0; i < NAMES_AND_VALUES.length; i += 2) {
            headers.set(NAMES_AND_VALUES[i], NAMES_AND_VALUES[i + 1]);
        }
    }
}
