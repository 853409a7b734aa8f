package dev.spacetime.dashboard;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/** The Debian {@code prometheus} binary on a free loopback port with its own temporary data dir, for tests. */
final class LivePrometheus implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LiveBinary process;
    final String base;

    private LivePrometheus(LiveBinary process) {
        this.process = process;
        this.base = process.base;
    }

    /**
     * Starts Prometheus with {@code config} (YAML text; rule files relative to {@code dir}) and extra command-line
     * {@code flags}, and waits until it is ready. Fails, naming the Debian package, when the binary is missing.
     */
    static LivePrometheus start(Path dir, String config, String... flags) throws IOException, InterruptedException {
        return start(dir, port -> config, flags);
    }

    /** As {@link #start(Path, String, String...)}, the config made for the port Prometheus listens on (to scrape itself). */
    static LivePrometheus start(Path dir, IntFunction<String> config, String... flags)
            throws IOException, InterruptedException {
        int port = LiveBinary.freePort();
        Path configFile = Files.writeString(dir.resolve("prometheus.yml"), config.apply(port));
        var args = new ArrayList<>(List.of("--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"));
        args.addAll(List.of(flags));
        return new LivePrometheus(LiveBinary.start(BINARY, "prometheus", port, "/-/ready",
                dir.resolve("prometheus.log"), args));
    }

    /** Instant query at now; the whole API response ({@code status}, {@code data}, {@code error}). */
    JsonNode instant(String expr) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + enc(expr));
    }

    /** Range query over the last {@code span} at {@code step}. */
    JsonNode range(String expr, Duration span, Duration step) throws IOException, InterruptedException {
        long end = Instant.now().getEpochSecond();
        return get("/api/v1/query_range?query=" + enc(expr) + "&start=" + (end - span.toSeconds()) + "&end=" + end
                + "&step=" + step.toSeconds());
    }

    /** Values of a label on the series that match {@code match}: what Grafana's label_values() asks. */
    JsonNode labelValues(String label, String match) throws IOException, InterruptedException {
        return get("/api/v1/label/" + label + "/values?match[]=" + enc(match));
    }

    /** Polls an instant query until the result satisfies {@code done}; fails after {@code timeout}. */
    JsonNode await(String expr, Predicate<JsonNode> done, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = instant(expr);
            if (done.test(last.path("data").path("result"))) {
                return last;
            }
            Thread.sleep(250);
        }
        return fail("waited " + timeout + " for " + expr + "; last answer " + last);
    }

    /** {@code /api/v1/query_exemplars} over the last {@code span}: the series with their exemplars. */
    JsonNode exemplars(String expr, Duration span) throws IOException, InterruptedException {
        long end = Instant.now().getEpochSecond() + 1;
        return get("/api/v1/query_exemplars?query=" + enc(expr) + "&start=" + (end - span.toSeconds()) + "&end="
                + end);
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        var r = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** One scalar of an instant query's first series; NaN when there is none. */
    static double firstValue(JsonNode answer) {
        List<JsonNode> result = answer.path("data").path("result").findValues("value");
        return result.isEmpty() ? Double.NaN : Double.parseDouble(result.get(0).get(1).asText());
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
