package dev.spacetime.server.runbooks;

import dev.spacetime.server.http.ApiException;
import dev.spacetime.server.routes.RouteFeature;
import dev.spacetime.server.routes.Routes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The alert runbooks as HTML, public (they hold no secrets), so every alert's {@code runbook_url} opens:
 * {@code GET /runbooks/} lists them, {@code GET /runbooks/:alert} is one alert's page. The name is only a key into
 * the bundled pages, never a path: anything else is 404.
 */
public final class RunbookFeature implements RouteFeature {

    private static final CharSequence TEXT_HTML = HttpHeaders.createOptimized("text/html; charset=utf-8");

    @Override
    public void mount(Routes routes) {
        RunbookPages runbooks = RunbookPages.bundled();
        routes.get("/runbooks/").handler(rc -> send(rc, runbooks.index()));
        routes.get("/runbooks/:alert").handler(rc -> {
            Buffer page = runbooks.pages().get(rc.pathParam("alert"));
            if (page == null) {
                throw new ApiException(404, "no runbook for this alert");
            }
            send(rc, page);
        });
    }

    private static void send(RoutingContext rc, Buffer page) {
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT_HTML).end(page);
    }
}
