package dev.spacetime.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.Labels;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** HTTP and polling helpers of the end-to-end tests: JSON answers as maps and lists, bounded waits, free ports. */
final class LiveHttp {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private LiveHttp() {
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    static HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON answer of a GET (200 required), as maps and lists. */
    static <T> T fetch(String url) throws Exception {
        HttpResponse<String> response = get(url, null);
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return new org.yaml.snakeyaml.Yaml().load(response.body());
    }

    /** JSON is YAML: snakeyaml (already on the test classpath) reads the APIs' answers. */
    static Map<String, Object> parse(String json) {
        return new org.yaml.snakeyaml.Yaml().load(json);
    }

    /** The result list of a Prometheus-API instant query ({@code time} in Unix seconds, or null for now). */
    static List<Object> query(String base, String promql, Double time) throws Exception {
        return Yaml.list(Yaml.map(fetch(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + (time == null ? "" : "&time=" + time)), "data"), "result");
    }

    /** The alert {@code name} in {@code state} ("pending", "firing") on Prometheus' /api/v1/alerts. */
    static Optional<Map<String, Object>> prometheusAlert(String prometheus, String name, String state)
            throws Exception {
        return first(Yaml.list(Yaml.map(fetch(prometheus + "/api/v1/alerts"), "data"), "alerts"),
                a -> name.equals(Yaml.map(a, "labels").get(Labels.ALERTNAME)) && state.equals(a.get("state")));
    }

    /** An alert {@code name} Alertmanager holds (any state), from its /api/v2/alerts. */
    static Optional<Map<String, Object>> alertmanagerAlert(String alertmanager, String name) throws Exception {
        List<Object> alerts = fetch(alertmanager + "/api/v2/alerts?filter="
                + URLEncoder.encode(Labels.ALERTNAME + "=\"" + name + "\"", StandardCharsets.UTF_8));
        return first(alerts, a -> true);
    }

    static Optional<Map<String, Object>> first(List<Object> items, Predicate<Map<String, Object>> match) {
        return maps(items).stream().filter(match).findFirst();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(List<Object> items) {
        return items.stream().map(i -> (Map<String, Object>) i).toList();
    }

    /**
     * Polls until the probe answers (true or a present value) within {@code wait}; fails naming the step, with
     * {@code context} (a process log) if {@code alive} turns false or time runs out.
     */
    @SuppressWarnings("unchecked")
    static <T> T await(Duration wait, String what, BooleanSupplier alive, Supplier<String> context, Probe<?> probe)
            throws Exception {
        Instant deadline = Instant.now().plus(wait);
        Throwable last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                Object value = probe.get();
                if (Boolean.TRUE.equals(value)) {
                    return (T) value;
                }
                if (value instanceof Optional<?> o && o.isPresent()) {
                    return (T) o.get();
                }
            } catch (IOException | AssertionError e) {
                last = e;
            }
            if (!alive.getAsBoolean()) {
                throw new AssertionError(what + ": process exited\n" + context.get(), last);
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + ": not within " + wait + "\n" + context.get(), last);
    }

    static Path require(String binary, String debianPackage) {
        Path path = Path.of(binary);
        assertThat(Files.isExecutable(path)).as("%s not found: install the Debian package '%s'", binary, debianPackage)
                .isTrue();
        return path;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
