package dev.spacetime.server;

import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium driven over the DevTools protocol (one page), for browser tests: navigate, evaluate
 * JavaScript, take screenshots, and collect what a person would see in the console (log entries, exceptions) and
 * every URL the page requested.
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    /** Console messages, log entries (CSP violations among them) and uncaught exceptions, as text. */
    final List<String> console = new CopyOnWriteArrayList<>();
    /** Every URL the page requested. */
    final List<String> requested = new CopyOnWriteArrayList<>();

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts Chromium with its profile in {@code dir}; fails, naming the package, when it is not installed. */
    static Chromium start(Path dir) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " not found: install the Debian package 'chromium' (scripts/install-tools.sh does)");
        }
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        Process p = new ProcessBuilder(BINARY.toString(), "--headless=new", "--no-sandbox", "--no-first-run",
                "--disable-extensions", "--disable-background-networking", "--disable-sync",
                "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--window-size=1280,800",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                fail("chromium did not start:\n" + Files.readString(dir.resolve("chromium.log")));
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
        HttpClient http = HttpClient.newHttpClient();
        JsonArray targets = new JsonArray(http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String pageSocket = targets.stream().map(JsonObject.class::cast)
                .filter(t -> "page".equals(t.getString("type"))).findFirst().orElseThrow()
                .getString("webSocketDebuggerUrl");
        Listener listener = new Listener();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Chromium chromium = new Chromium(p, socket);
        listener.chromium = chromium;
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            chromium.call(domain + ".enable", new JsonObject());
        }
        return chromium;
    }

    /** Opens {@code url} and waits for its load event. */
    void navigate(String url) throws Exception {
        call("Page.navigate", new JsonObject().put("url", url));
    }

    /** The value of a JavaScript expression (promises awaited), as JSON. */
    Object eval(String expression) throws Exception {
        JsonObject result = call("Runtime.evaluate", new JsonObject().put("expression", expression)
                .put("awaitPromise", true).put("returnByValue", true));
        if (result.containsKey("exceptionDetails")) {
            fail("'" + expression + "' threw " + result.getJsonObject("exceptionDetails").encode());
        }
        return result.getJsonObject("result").getValue("value");
    }

    /**
     * Waits until {@code expression} is true (an expression that throws, e.g. while the next page loads, is not yet);
     * fails with {@code what} and the page's text after the timeout.
     */
    void await(String expression, String what) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String guarded = "(() => { try { return !!(" + expression + "); } catch (e) { return false; } })()";
        while (!Boolean.TRUE.equals(eval(guarded))) {
            if (System.nanoTime() > deadline) {
                fail("waited " + TIMEOUT.toSeconds() + " s for " + what + "; page text: "
                        + eval("document.body ? document.body.innerText : ''") + "; console: " + console);
            }
            Thread.sleep(100);
        }
    }

    void screenshot(Path png) throws Exception {
        screenshot(png, new JsonObject().put("format", "png"));
    }

    /** A screenshot of the page's top {@code height} pixels (the whole width). */
    void screenshot(Path png, int height) throws Exception {
        Object width = eval("document.documentElement.clientWidth");
        screenshot(png, new JsonObject().put("format", "png").put("clip", new JsonObject().put("x", 0).put("y", 0)
                .put("width", width).put("height", height).put("scale", 1)));
    }

    private void screenshot(Path png, JsonObject params) throws Exception {
        JsonObject shot = call("Page.captureScreenshot", params);
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(shot.getString("data")));
    }

    private JsonObject call(String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(new JsonObject().put("id", id).put("method", method).put("params", params).encode(), true)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonObject reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.containsKey("error")) {
            fail(method + " failed: " + reply.getJsonObject("error").encode());
        }
        return reply.getJsonObject("result", new JsonObject());
    }

    private void received(JsonObject message) {
        Integer id = message.getInteger("id");
        if (id != null) {
            CompletableFuture<JsonObject> answer = pending.remove(id);
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        JsonObject params = message.getJsonObject("params", new JsonObject());
        switch (message.getString("method", "")) {
            case "Log.entryAdded" -> console.add(params.getJsonObject("entry").getString("level") + ": "
                    + params.getJsonObject("entry").getString("text"));
            case "Runtime.consoleAPICalled" -> console.add(params.getString("type") + ": "
                    + params.getJsonArray("args").encode());
            case "Runtime.exceptionThrown" -> console.add("exception: "
                    + params.getJsonObject("exceptionDetails").encode());
            case "Network.requestWillBeSent" -> requested.add(params.getJsonObject("request").getString("url"));
            default -> {
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Reassembles the socket's text frames into messages. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile Chromium chromium;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                chromium.received(new JsonObject(text));
            }
            webSocket.request(1);
            return null;
        }
    }
}
