package dev.spacetime.server.http;

import io.vertx.core.MultiMap;

/** Headers every response carries: the API serves JSON and text only, so nothing may be sniffed, framed or loaded. */
public final class SecurityHeaders {

    private SecurityHeaders() {
    }

    public static void apply(MultiMap headers) {
        headers.set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer")
                .set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
                        + "form-action 'none'")
                .set("Cache-Control", "no-store");
    }
}
