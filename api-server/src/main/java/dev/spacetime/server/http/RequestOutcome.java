package dev.spacetime.server.http;

/**
 * How a request ended.
 *
 * @param endpoint      route template, or {@code Labels.UNMATCHED_ENDPOINT}
 * @param status        HTTP status sent (or 499 when the connection closed before a response)
 * @param durationNanos from the first handler to the end of the response
 */
public record RequestOutcome(String method, String endpoint, int status, long requestBytes, long responseBytes,
                             long durationNanos) {
}
