package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.server.auth.Role;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flame graph viewer in a real browser (Debian's headless Chromium) against the real server, as a person uses it:
 * open the link of a request id, type a reader token once, see that request's profile in speedscope. Screenshots go
 * to {@code target/viewer-*.png} for a human to look at.
 */
class ViewerBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target");
    /** The phases a scene load reports, each a frame of its flame graph. */
    private static final List<String> PHASES = List.of("auth", "rate_limit", "validation", "file_io", "parse",
            "instantiation", "serialization");

    @TempDir
    static Path dir;
    private static TestServer server;
    private static Chromium browser;
    private static String readerToken;
    private static String loadId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        SceneClient admin = new SceneClient(server);
        assertThat(admin.load("res://levels/lobby.tscn").statusCode()).isEqualTo(200);
        loadId = SceneClient.ok(admin.get("/debug/profile?endpoint=/scene&method=POST"))
                .getJsonArray("recent_requests").getJsonObject(0).getString("id");
        var issued = admin.json("POST", "/auth/token", "{\"role\":\"" + Role.READER.label() + "\"}");
        readerToken = new JsonObject(issued.body()).getString("token");
        browser = Chromium.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Each test starts as a new visitor: nothing in this origin's session storage. */
    @BeforeEach
    void forgetTheToken() throws Exception {
        browser.navigate(server.uri("/health/live").toString());
        browser.await("location.pathname === '/health/live'", "the API's origin");
        browser.eval("sessionStorage.clear(); true");
        browser.console.clear();
        browser.requested.clear();
    }

    @Test
    void aRequestIdOpensItsFlameGraphAfterOneTokenPrompt() throws Exception {
        browser.navigate(viewer("?request_id=" + loadId));
        browser.await("location.search.includes('" + loadId + "') && !document.getElementById('token-form').hidden",
                "the token prompt");
        browser.eval("document.getElementById('token').value = '" + readerToken + "';"
                + "document.getElementById('token-form').requestSubmit(); true");
        // speedscope's toolbar shows the profile's name: "<id> POST /scene 200".
        browser.await("document.body.innerText.includes('" + loadId + " POST /scene 200')", "speedscope's toolbar");
        Thread.sleep(500); // let the canvas paint before the picture
        browser.screenshot(SCREENSHOTS.resolve("viewer-flamegraph.png"));
        browser.screenshot(SCREENSHOTS.resolve("viewer-flamegraph-top.png"), 210); // the README's picture

        // Same tab, another view: the token is not asked again; the sandwich view lists every phase by name.
        browser.navigate(viewer("?request_id=" + loadId + "&view=sandwich"));
        browser.await("location.search.includes('sandwich') && " + PHASES.stream()
                .map(p -> "document.body.innerText.includes('" + p + "')")
                .reduce((a, b) -> a + " && " + b).orElseThrow(), "every phase name in the sandwich view");
        browser.screenshot(SCREENSHOTS.resolve("viewer-sandwich.png"));

        // request_id=all: every kept request, aggregated into one profile.
        browser.navigate(viewer("?request_id=all"));
        browser.await("location.search.includes('all') && document.body.innerText.includes('all requests')",
                "the aggregate profile");

        assertThat(browser.requested).as("the token never travels in a URL")
                .noneMatch(url -> url.contains(readerToken));
        assertThat(browser.console).as("the Content-Security-Policy blocks nothing speedscope needs")
                .noneMatch(line -> line.contains("Content Security Policy")).noneMatch(line -> line.startsWith("exception"));
        assertThat(Files.size(SCREENSHOTS.resolve("viewer-flamegraph.png"))).isGreaterThan(10_000);
        assertThat(browser.console).as("requested: " + browser.requested).noneMatch(line -> line.contains("404"));
    }

    @Test
    void aWrongTokenAndAnUnknownIdGetAMessageNotABlankPage() throws Exception {
        browser.eval("sessionStorage.setItem('spacetime.viewer.token', 'not-a-token'); true");
        browser.navigate(viewer("?request_id=" + loadId));
        browser.await(shows("error", "The token was refused") + " && !document.getElementById('token-form').hidden",
                "the refused-token message and the prompt");
        assertThat(browser.eval("sessionStorage.getItem('spacetime.viewer.token')")).isNull();

        browser.eval("sessionStorage.setItem('spacetime.viewer.token', '" + readerToken + "'); true");
        browser.navigate(viewer("?request_id=req_999999"));
        browser.await(shows("error", "no longer kept"), "the unknown-id message");
        browser.screenshot(SCREENSHOTS.resolve("viewer-unknown-id.png"));
    }

    /** JavaScript: whether element {@code id} shows {@code text}. */
    private static String shows(String id, String text) {
        return "document.getElementById('" + id + "').innerText.includes('" + text + "')";
    }

    private static String viewer(String query) {
        return server.uri("/debug/viewer/" + query).toString();
    }
}
