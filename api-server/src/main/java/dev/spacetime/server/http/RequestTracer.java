package dev.spacetime.server.http;

/** Creates the {@link RequestTrace} of each request. The profiler installs its own through {@code ServerContext}. */
@FunctionalInterface
public interface RequestTracer {

    RequestTracer NONE = (method, path) -> RequestTrace.NONE;

    /**
     * @param method the request method
     * @param path   the raw request path (never used as a metric label)
     */
    RequestTrace start(String method, String path);
}
