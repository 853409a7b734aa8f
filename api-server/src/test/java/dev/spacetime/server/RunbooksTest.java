package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every generated runbook opens as an HTML page of the real server, and nothing else does. */
@ExtendWith(TestServerExtension.class)
class RunbooksTest {

    private static TestServer server;
    private static List<String> alerts;

    @BeforeAll
    static void generatedRunbooks() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("spacetime.root"), "monitoring", "runbooks"))) {
            alerts = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".md") && !n.equals("README.md"))
                    .map(n -> n.substring(0, n.length() - ".md".length()))
                    .sorted()
                    .toList();
        }
        assertThat(alerts).contains("HTTPAPIDown", "CriticalAuthFailureRate").hasSizeGreaterThan(10);
    }

    @Test
    void everyAlertHasAPageWithItsTitle() throws Exception {
        for (String alert : alerts) {
            var page = server.get("/runbooks/" + alert);
            assertThat(page.statusCode()).as(alert).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).startsWith("default-src 'none'"));
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.body()).contains("<title>" + alert + "</title>", "<h1>" + alert + "</h1>",
                    "<h2>Meaning</h2>", "<h2>Where to look</h2>", "<a href=\"./\">");
            // The generator's comment is dropped, not shown as escaped text.
            assertThat(page.body()).doesNotContain("&lt;!--", "<!--");
        }
    }

    @Test
    void theIndexLinksEveryRunbook() throws Exception {
        var index = server.get("/runbooks/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        for (String alert : alerts) {
            assertThat(index.body()).contains("href=\"" + alert + "\">" + alert + "</a>");
        }
        assertThat(index.body()).doesNotContain(".md\"");
    }

    @Test
    void anythingButABundledNameIs404Json() throws Exception {
        for (String path : List.of("/runbooks/..%2f..%2fetc%2fpasswd", "/runbooks/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/runbooks/../../etc/passwd", "/runbooks/foo.md", "/runbooks/HTTPAPIDown.md",
                "/runbooks/httpapidown", "/runbooks/README", "/runbooks/README.md", "/runbooks/NoSuchAlert",
                "/runbooks/HTTPAPIDown/x", "/runbooks/%00")) {
            var response = server.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(new JsonObject(response.body()).getString("error")).as(path).isEqualTo("not_found");
            assertThat(response.body()).doesNotContain("root:");
        }
    }
}
