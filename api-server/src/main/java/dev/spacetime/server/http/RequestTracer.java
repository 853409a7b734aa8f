package dev.spacetime.server.http;

/** Creates the {@link RequestTrace} of each request: the profiler's, given to {@link RequestObserver} at start. */
@FunctionalInterface
public interface RequestTracer {

    RequestTracer NONE = (method, path, startNanos) -> RequestTrace.NONE;

    /**
     * @param method     the request method
     * @param path       the raw request path (never used as a metric label)
     * @param startNanos when the request started ({@link System#nanoTime()}); its duration, given at finish, is
     *                   measured from there on the same clock
     */
    RequestTrace start(String method, String path, long startNanos);
}
