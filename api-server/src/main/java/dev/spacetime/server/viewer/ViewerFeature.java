package dev.spacetime.server.viewer;

import dev.spacetime.server.http.ApiException;
import dev.spacetime.server.routes.RouteFeature;
import dev.spacetime.server.routes.Routes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * The flame graph viewer, public like the runbooks (it holds no data; the profile is fetched with the reader's token):
 * {@code GET /debug/viewer/?request_id=req_<n>|all} is our page, which asks for a token once and opens that request's
 * profile from {@code /debug/profile/flamegraph} in the bundled speedscope ({@code /debug/viewer/speedscope/*}).
 * Latency exemplars' {@code request_id} links here. A file name is only a key into the bundled files, never a path.
 * <p>
 * Content-Security-Policy, measured with Chromium (ViewerBrowserIT fails on any violation): scripts, styles, fonts and
 * fetches from the API itself only. speedscope also needs inline styles (its CSS-in-JS inserts style elements),
 * {@code blob:} to fetch the profile handed to it, and {@code 'wasm-unsafe-eval'}: it compiles its embedded
 * WebAssembly symbol demangler at start (which allows WebAssembly only, not JavaScript's eval). No frames.
 */
public final class ViewerFeature implements RouteFeature {
    public static final String PATH = "/debug/viewer/";
    static final String CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "font-src 'self'; img-src 'self' data:; connect-src 'self' blob:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Override
    public void mount(Routes routes) {
        ViewerFiles files = ViewerFiles.bundled();
        routes.get(PATH).handler(rc -> send(rc, files.page(), false));
        // After the page's route: a route without the slash would match /debug/viewer/ too (Vert.x), and the page's
        // relative links need it.
        routes.get(PATH.substring(0, PATH.length() - 1)).successStatuses(308).handler(rc -> {
            String query = rc.request().query();
            rc.response().setStatusCode(308)
                    .putHeader(HttpHeaders.LOCATION, PATH + (query == null ? "" : "?" + query)).end();
        });
        routes.get(PATH + ":file").handler(rc -> send(rc, find(files.own(), rc.pathParam("file")), false));
        routes.get(PATH + "speedscope/:file").handler(rc ->
                send(rc, find(files.speedscope(), rc.pathParam("file")), true));
    }

    private static ViewerFiles.File find(Map<String, ViewerFiles.File> files, String name) {
        ViewerFiles.File file = files.get(name);
        if (file == null) {
            throw new ApiException(404, "no such viewer file");
        }
        return file;
    }

    private static void send(RoutingContext rc, ViewerFiles.File file, boolean immutable) {
        var response = rc.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, file.contentType())
                .putHeader("Content-Security-Policy", CSP);
        if (immutable) {
            // speedscope's release files carry a content hash in their names.
            response.putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=86400, immutable");
        }
        response.end(file.body());
    }
}
