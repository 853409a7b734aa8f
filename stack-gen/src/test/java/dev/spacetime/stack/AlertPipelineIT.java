package dev.spacetime.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.Labels;
import dev.spacetime.settings.ForDurations;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole alert path with real parts on loopback: the api-server jar, Debian Prometheus and Alertmanager running
 * the generated test-variant configs (1 s scrape, evaluation and grouping) and alert-rules-gen's rules with every
 * {@code for} shortened to {@link #FOR} (same expressions).
 *
 * <ol>
 *   <li>A burst of bad tokens: CriticalAuthFailureRate fires in Prometheus, reaches Alertmanager, is routed to the
 *       security receiver and arrives at the API's webhook; HighAuthFailureRate (same job and component) is
 *       inhibited.</li>
 *   <li>Every alerting and recording rule evaluates without error against the live data.</li>
 *   <li>A fault that can be removed: idle connections above the configured threshold degrade the server's health,
 *       ServiceDegraded fires and is delivered; closing them resolves it and the resolved notification arrives.</li>
 *   <li>The API server stops: HTTPAPIDown fires and reaches Alertmanager (nobody is left to take the webhook).</li>
 * </ol>
 * Every wait is bounded; all processes are stopped whatever happens.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AlertPipelineIT {

    private static final PromDuration INTERVAL = PromDuration.ofSeconds(1);
    private static final Duration FOR = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Idle connections beyond which the server reports itself degraded (set in its config file). */
    private static final int CONNECTIONS_DEGRADED = 40;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path tmp;
    private final List<LiveProcess> processes = new ArrayList<>();
    private final List<Socket> idle = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (Socket s : idle) {
            s.close();
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }

    @Test
    void faultsFireRouteReachTheWebhookAndResolve() throws Exception {
        Path prometheusBin = require(NativeRunnerSettings.STANDARD.prometheusBinary(), "prometheus");
        Path alertmanagerBin = require(NativeRunnerSettings.STANDARD.alertmanagerBinary(), "prometheus-alertmanager");
        Path jar = Path.of(System.getProperty("spacetime.root", ".."), "api-server", "target", "api-server.jar");
        assertThat(jar).as("build the API server first: mvn -pl api-server package").isRegularFile();

        Path webhookToken = tmp.resolve("secrets/alert_webhook_token");
        LiveProcess api = startApi(jar, webhookToken);
        String apiUrl = api.firstLine(WAIT).replace("listening on ", "").trim();
        assertThat(apiUrl).startsWith("http://127.0.0.1:");
        int apiPort = Integer.parseInt(apiUrl.substring(apiUrl.lastIndexOf(':') + 1));
        String admin = Files.readString(tmp.resolve("admin_token")).trim();
        String reader = issueReaderToken(apiUrl, admin);

        Ports ports = new Ports(apiPort, freePort(), freePort(), freePort());
        Path config = tmp.resolve("config");
        StackGenerator.generate(StackSettings.testVariant(ports, webhookToken.toString(), INTERVAL), config);
        Rules.write(config, Settings.defaults().withForDurations(ForDurations.all(FOR)));
        String alertmanager = "http://127.0.0.1:" + ports.alertmanager();
        String prometheus = "http://127.0.0.1:" + ports.prometheus();
        LiveProcess am = start("alertmanager", List.of(alertmanagerBin.toString(),
                "--config.file=" + config.resolve(StackGenerator.ALERTMANAGER_YML),
                "--storage.path=" + tmp.resolve("alertmanager-data"),
                "--web.listen-address=127.0.0.1:" + ports.alertmanager(), "--cluster.listen-address="));
        LiveProcess prom = start("prometheus", List.of(prometheusBin.toString(),
                "--config.file=" + config.resolve(StackGenerator.PROMETHEUS_YML),
                "--storage.tsdb.path=" + tmp.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + ports.prometheus()));
        await(am, "Alertmanager ready", () -> get(alertmanager + "/-/ready", null).statusCode() == 200);
        await(prom, "Prometheus ready", () -> get(prometheus + "/-/ready", null).statusCode() == 200);
        await(prom, "the API scraped", () -> !query(prometheus, "up{job=\"spacetime_api\"} == 1").isEmpty());

        // Ordinary traffic, then the fault: bad tokens far above the critical threshold.
        for (int i = 0; i < 20; i++) {
            assertThat(get(apiUrl + "/auth/status", admin).statusCode()).isEqualTo(200);
            assertThat(get(apiUrl + "/health", null).statusCode()).isIn(200, 503);
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(get(apiUrl + "/auth/status", "not-a-token-" + i).statusCode()).isEqualTo(401);
        }
        await(prom, "CriticalAuthFailureRate firing in Prometheus",
                () -> prometheusAlert(prometheus, "CriticalAuthFailureRate", "firing").isPresent());
        Map<String, Object> inAlertmanager = await(am, "CriticalAuthFailureRate in Alertmanager",
                () -> alertmanagerAlert(alertmanager, "CriticalAuthFailureRate"));
        assertThat(receiverNames(inAlertmanager)).containsExactly(Receiver.SECURITY.receiverName());
        Map<String, Object> delivered = await(api, "CriticalAuthFailureRate at the webhook",
                () -> webhookAlert(apiUrl, reader, "CriticalAuthFailureRate", "firing"));
        assertThat(delivered).containsEntry("receiver", Receiver.SECURITY.receiverName());
        assertThat(Yaml.map(delivered, "labels")).containsEntry("component", "auth")
                .containsEntry(Labels.JOB, "spacetime_api").containsEntry("severity", "critical");
        await(am, "HighAuthFailureRate inhibited by the critical", () -> alertmanagerAlert(alertmanager,
                "HighAuthFailureRate").filter(a -> "suppressed".equals(Yaml.map(a, "status").get("state"))));
        assertThat(sample(apiUrl, "alert_webhook_alerts_total{status=\"firing\"}")).isGreaterThanOrEqualTo(1);

        everyRuleEvaluatesWithoutError(prom, prometheus);

        // A removable fault: idle connections beyond the threshold degrade health until they close (the config's
        // long request head timeout keeps the server from closing them first).
        for (int i = 0; i <= CONNECTIONS_DEGRADED; i++) {
            idle.add(new Socket("127.0.0.1", apiPort));
        }
        Map<String, Object> degraded = await(api, "ServiceDegraded firing at the webhook",
                () -> webhookAlert(apiUrl, reader, "ServiceDegraded", "firing"));
        assertThat(degraded).containsEntry("receiver", Receiver.WARNING.receiverName());
        for (Socket s : idle) {
            s.close();
        }
        idle.clear();
        await(api, "ServiceDegraded resolved at the webhook",
                () -> webhookAlert(apiUrl, reader, "ServiceDegraded", "resolved"));
        assertThat(sample(apiUrl, "alert_webhook_alerts_total{status=\"resolved\"}")).isGreaterThanOrEqualTo(1);

        // The API goes away: nothing scrapes it any more.
        assertThat(api.stop()).as(api.log()).isZero();
        await(prom, "HTTPAPIDown firing in Prometheus",
                () -> prometheusAlert(prometheus, "HTTPAPIDown", "firing").isPresent());
        Map<String, Object> down = await(am, "HTTPAPIDown in Alertmanager",
                () -> alertmanagerAlert(alertmanager, "HTTPAPIDown"));
        assertThat(receiverNames(down)).containsExactly(Receiver.CRITICAL.receiverName());
    }

    private LiveProcess startApi(Path jar, Path webhookToken) throws IOException {
        Path apiConfig = Files.writeString(tmp.resolve("api.yml"), """
                health:
                  memoryDegradedMb: 16384
                  memoryUnhealthyMb: 32768
                  connectionsDegraded: %d
                  connectionsUnhealthy: 100000
                  refreshMs: 500
                rateLimit:
                  perMinute:
                    default: 100000
                connections:
                  headTimeoutMs: 600000
                """.formatted(CONNECTIONS_DEGRADED));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        LiveProcess api = LiveProcess.startReadingStdout("api-server", tmp, List.of(java, "-Xmx256m", "-jar",
                jar.toString(), "--host", "127.0.0.1", "--port", "0", "--token-file", tmp.resolve("admin_token").toString(),
                "--alert-webhook-token-file", webhookToken.toString(), "--state-dir", tmp.resolve("api-state").toString(),
                "--config", apiConfig.toString()));
        processes.add(api);
        return api;
    }

    private LiveProcess start(String name, List<String> command) throws IOException {
        LiveProcess p = LiveProcess.start(name, tmp, command);
        processes.add(p);
        return p;
    }

    /** After a few evaluations, every rule of both files reports health "ok" and no error. */
    private void everyRuleEvaluatesWithoutError(LiveProcess prom, String prometheus) throws Exception {
        List<Map<String, Object>> rules = await(prom, "every rule evaluated", () -> {
            List<Map<String, Object>> all = new ArrayList<>();
            for (Object group : Yaml.list(Yaml.map(fetch(prometheus + "/api/v1/rules"), "data"), "groups")) {
                all.addAll(maps(Yaml.list(group, "rules")));
            }
            boolean evaluated = !all.isEmpty() && all.stream()
                    .allMatch(r -> !String.valueOf(r.get("lastEvaluation")).startsWith("0001-"));
            return evaluated ? Optional.of(all) : Optional.empty();
        });
        assertThat(rules).extracting(r -> r.get("type")).contains("alerting", "recording");
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.get("health")).as("%s: %s", r.get("name"), r.get("lastError")).isEqualTo("ok");
            assertThat(String.valueOf(Optional.ofNullable(r.get("lastError")).orElse(""))).as(r.get("name").toString())
                    .isEmpty();
        });
    }

    private static Path require(String binary, String debianPackage) {
        Path path = Path.of(binary);
        assertThat(Files.isExecutable(path)).as("%s not found: install the Debian package '%s'", binary, debianPackage)
                .isTrue();
        return path;
    }

    private static String issueReaderToken(String api, String admin) throws Exception {
        HttpResponse<String> issued = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/auth/token"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"reader\"}")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return (String) parse(issued.body()).get("token");
    }

    private static Optional<Map<String, Object>> prometheusAlert(String prometheus, String name, String state)
            throws Exception {
        return first(Yaml.list(Yaml.map(fetch(prometheus + "/api/v1/alerts"), "data"), "alerts"),
                a -> name.equals(Yaml.map(a, "labels").get(Labels.ALERTNAME)) && state.equals(a.get("state")));
    }

    private static Optional<Map<String, Object>> alertmanagerAlert(String alertmanager, String name) throws Exception {
        List<Object> alerts = fetch(alertmanager + "/api/v2/alerts?filter="
                + URLEncoder.encode(Labels.ALERTNAME + "=\"" + name + "\"", StandardCharsets.UTF_8));
        return first(alerts, a -> true);
    }

    private static Optional<Map<String, Object>> webhookAlert(String api, String reader, String name, String status)
            throws Exception {
        HttpResponse<String> listed = get(api + "/alerts?alertname=" + name + "&status=" + status, reader);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        return first(Yaml.list(parse(listed.body()), "alerts"), a -> true);
    }

    private static List<Object> receiverNames(Map<String, Object> alertmanagerAlert) {
        return Yaml.list(alertmanagerAlert, "receivers").stream().map(r -> (Object) ((Map<?, ?>) r).get("name")).toList();
    }

    private static List<Object> query(String prometheus, String promql) throws Exception {
        return Yaml.list(Yaml.map(fetch(prometheus + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8)), "data"), "result");
    }

    private static double sample(String api, String series) throws Exception {
        return get(api + "/metrics", null).body().lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim().split(" ")[0]))
                .findFirst().orElse(Double.NaN);
    }

    private static Optional<Map<String, Object>> first(List<Object> items, Predicate<Map<String, Object>> match) {
        return maps(items).stream().filter(match).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(List<Object> items) {
        return items.stream().map(i -> (Map<String, Object>) i).toList();
    }

    private static HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON answer of a GET (200 required), as maps and lists. */
    private static <T> T fetch(String url) throws Exception {
        HttpResponse<String> response = get(url, null);
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return new org.yaml.snakeyaml.Yaml().load(response.body());
    }

    /** JSON is YAML: snakeyaml (already on the test classpath) reads the APIs' answers. */
    private static Map<String, Object> parse(String json) {
        return new org.yaml.snakeyaml.Yaml().load(json);
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls until the probe answers (true or a present value); fails naming the step and with the log of {@code watched}. */
    @SuppressWarnings("unchecked")
    private static <T> T await(LiveProcess watched, String what, Probe<?> probe) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
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
            if (!watched.isAlive()) {
                throw new AssertionError(what + ": process exited\n" + watched.log(), last);
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + ": not within " + WAIT + "\n" + watched.log(), last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
