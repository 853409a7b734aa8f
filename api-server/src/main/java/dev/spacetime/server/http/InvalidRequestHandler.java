package dev.spacetime.server.http;

import dev.spacetime.catalog.Labels;
import dev.spacetime.server.metrics.HttpMetrics;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Requests the HTTP decoder rejected before any route could see them (oversized header or request line, garbage):
 * the same JSON error and security headers as everything else, counted under the unmatched endpoint, then the
 * connection is closed because its framing can no longer be trusted.
 */
public final class InvalidRequestHandler implements Handler<HttpServerRequest> {
    private final HttpMetrics metrics;

    public InvalidRequestHandler(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpServerRequest request) {
        long start = System.nanoTime();
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        int status = 400;
        String message = "malformed HTTP request";
        if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            message = "request headers are too large";
        } else if (cause instanceof TooLongHttpLineException) {
            status = 414;
            message = "request line is too long";
        }
        HttpServerResponse response = request.response();
        SecurityHeaders.apply(response.headers());
        response.putHeader("Connection", "close");
        ErrorHandler.send(response, status, ErrorHandler.errorCode(status), message);
        metrics.series(HttpMetrics.methodLabel(request.method()), Labels.UNMATCHED_ENDPOINT)
                .record(status, 0, response.bytesWritten(), System.nanoTime() - start);
        request.connection().close();
    }
}
