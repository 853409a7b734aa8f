package dev.spacetime.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders every failure as {@code {"error": code, "message": text}}: router misses (404, 405 with {@code Allow}),
 * {@link ApiException}s, Vert.x Web's own failures and bugs (500, logged here, never sent).
 */
public final class ErrorHandler implements Handler<RoutingContext> {
    private static final Logger LOG = Logger.getLogger(ErrorHandler.class.getName());

    private final Function<String, Set<String>> allowedMethods;

    /** @param allowedMethods methods routed for a request path (for 405's {@code Allow}) */
    public ErrorHandler(Function<String, Set<String>> allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // Too late for an error body: all we can do is not pretend the response is complete, and not lose the
            // cause (e.g. a bug in what runs when the response ends, after the client had its answer).
            if (ctx.failure() != null) {
                logFailure(ctx, "request failed after its response began: ");
            }
            response.reset();
            return;
        }
        if (hasUnreadBody(ctx.request())) {
            // The rest of the body will not be read: the connection cannot carry another request.
            response.putHeader("Connection", "close");
        }
        Throwable failure = ctx.failure();
        int status = ctx.statusCode();
        if (failure instanceof ApiException api) {
            api.headers().forEach(response::putHeader);
            send(ctx, api.status(), api.error(), api.getMessage());
            return;
        }
        if (failure instanceof HttpException http) {
            status = http.getStatusCode();
        }
        if (status <= 0 || status >= 500 || failure != null && !(failure instanceof HttpException)) {
            logFailure(ctx, "request failed: ");
            status = status >= 500 ? status : 500;
        }
        String message = switch (status) {
            case 404 -> "no route matches this path";
            case 405 -> {
                Set<String> allowed = allowedMethods.apply(ctx.normalizedPath());
                response.putHeader("Allow", String.join(", ", allowed));
                yield "method " + ctx.request().method().name() + " is not allowed here; allowed: "
                        + String.join(", ", allowed);
            }
            case 500 -> "internal server error";
            default -> ErrorHandler.errorCode(status).replace('_', ' ');
        };
        send(ctx, status, errorCode(status), message);
    }

    /** Logs the request's failure as a bug, under its method and route template (never the raw path). */
    private static void logFailure(RoutingContext ctx, String what) {
        LOG.log(Level.SEVERE, what + ctx.request().method() + " " + RequestContext.of(ctx).endpoint(), ctx.failure());
    }

    /**
     * A routed request's error body, its encoding timed as the serialization phase like any other body. A body still
     * arriving is then discarded and the connection closed promptly, instead of sitting paused with the client
     * blocked writing (after the answer is sent: discarding may end the request, and so close, at once).
     */
    private static void send(RoutingContext ctx, int status, String error, String message) {
        boolean unread = hasUnreadBody(ctx.request());
        Responses.json(ctx, status, body(error, message));
        if (unread) {
            UnreadBody.discard(ctx);
        }
    }

    private static boolean hasUnreadBody(HttpServerRequest request) {
        if (request.isEnded()) {
            return false;
        }
        String length = request.getHeader("Content-Length");
        return request.headers().contains("Transfer-Encoding") || length != null && !length.trim().equals("0");
    }

    /** An error body for a request that never reached the router (nothing to time it in). */
    public static void send(HttpServerResponse response, int status, String error, String message) {
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body(error, message).encode());
    }

    private static JsonObject body(String error, String message) {
        return new JsonObject().put("error", error).put("message", message);
    }

    /** The {@code error} field for a status. */
    public static String errorCode(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 417 -> "expectation_failed";
            case 429 -> "too_many_requests";
            case 431 -> "request_header_fields_too_large";
            case 503 -> "service_unavailable";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }
}
