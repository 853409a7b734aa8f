package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The viewer's files over HTTP: public, with the viewer's own CSP, only the bundled names, speedscope's licence. */
@ExtendWith(TestServerExtension.class)
class ViewerTest {
    /** Started and closed by {@link TestServerExtension}. */
    private static TestServer server;

    @Test
    void thePageNamesTheBundledSpeedscopeFilesWhichAreServedWithTheViewersPolicy() throws Exception {
        var page = server.get("/debug/viewer/?request_id=req_1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self' 'wasm-unsafe-eval';", "connect-src 'self' blob:;",
                "frame-ancestors 'none'").doesNotContain("'unsafe-eval'", "*");
        Matcher script = Pattern.compile("data-speedscope-script=\"(speedscope/[^\"]+\\.js)\"").matcher(page.body());
        Matcher style = Pattern.compile("data-speedscope-style=\"(speedscope/[^\"]+\\.css)\"").matcher(page.body());
        assertThat(script.find()).as(page.body()).isTrue();
        assertThat(style.find()).isTrue();
        var js = server.get("/debug/viewer/" + script.group(1));
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400, immutable");
        assertThat(server.get("/debug/viewer/" + style.group(1)).statusCode()).isEqualTo(200);
        assertThat(server.get("/debug/viewer/viewer.js").body()).contains("sessionStorage", "Authorization");
        assertThat(server.get("/debug/viewer/speedscope/LICENSE").body()).contains("MIT License", "Jamie Wong");
    }

    @Test
    void withoutTheSlashItRedirectsKeepingTheQuery() throws Exception {
        var response = server.send(HttpRequest.newBuilder(server.uri("/debug/viewer?request_id=req_7")).GET());
        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location")).hasValue("/debug/viewer/?request_id=req_7");
    }

    @Test
    void onlyBundledNamesAreServed() throws Exception {
        for (String path : new String[] {"/debug/viewer/index.html", "/debug/viewer/files.txt",
                "/debug/viewer/speedscope/files.txt.bak", "/debug/viewer/speedscope/..%2Fviewer.js",
                "/debug/viewer/speedscope/%2E%2E%2F%2E%2E%2Fapplication.yml", "/debug/viewer/speedscope/"}) {
            HttpResponse<String> response = server.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("\"error\"");
        }
    }
}
