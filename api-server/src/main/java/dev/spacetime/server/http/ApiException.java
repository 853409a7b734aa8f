package dev.spacetime.server.http;

import java.util.Map;

/**
 * A failure with the status and JSON error body the client gets. Handlers throw it or pass it to
 * {@code RoutingContext.fail}; {@link ErrorHandler} renders it. No stack trace: it is a reply, not a bug.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String error;
    private final Map<String, String> headers;

    public ApiException(int status, String error, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    public ApiException(int status, String message) {
        this(status, ErrorHandler.errorCode(status), message, Map.of());
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
