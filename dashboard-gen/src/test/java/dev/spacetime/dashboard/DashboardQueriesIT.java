package dev.spacetime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spacetime.alerts.RuleFileLayout;
import dev.spacetime.catalog.Heartbeats;
import dev.spacetime.catalog.Jobs;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.dashboard.model.Annotation;
import dev.spacetime.dashboard.model.Dashboard;
import dev.spacetime.dashboard.model.Macros;
import dev.spacetime.dashboard.model.Target;
import dev.spacetime.dashboard.model.Variable;
import dev.spacetime.dashboard.model.Visualization;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import dev.spacetime.settings.StackJobs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PromQL expression of the dashboard, against a real Prometheus (scrape interval 1 s) scraping the real
 * api-server jar, which this test drives with traffic: successes, 404s, auth failures, rate-limit rejections and
 * scene loads, and one restart for the deployment annotation. The stack's own jobs run for real as well: Prometheus
 * scrapes itself, a real node exporter and a real Alertmanager, which it sends its alerts to and which delivers them
 * to the API's webhook. Grafana's variables are substituted as Grafana would: {@code $__rate_interval} by a window,
 * {@code $endpoint} by the variable's "All" value.
 */
class DashboardQueriesIT {

    /** Stands in for {@code $__rate_interval}: long enough to span the traffic phase's last seconds. */
    private static final String RATE_WINDOW = "30s";
    private static final Duration RANGE = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(1);
    private static final int TRAFFIC_SECONDS = 12;

    private static final Settings SETTINGS = Settings.defaults();
    private static final Dashboard DASHBOARD = HttpApiOverview.dashboard(SETTINGS);
    /**
     * The Host and Monitoring pipeline rows: every stack job runs here, so each of their queries must show numbers,
     * whatever the traffic. The heartbeat's age has its own test ({@link #heartbeatAgeIsSmallAfterAWatchdogDelivery}).
     */
    private static final Set<String> STACK_PANELS = Stream.concat(
                    new HostPanels(SETTINGS).section().cells().stream(),
                    new PipelinePanels(SETTINGS).section().cells().stream())
            .map(c -> c.panel().title()).filter(t -> !t.equals(PipelinePanels.HEARTBEAT_TITLE))
            .collect(Collectors.toSet());
    static final Path NODE_EXPORTER = Path.of("/usr/bin/prometheus-node-exporter");
    static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;

    private static LivePrometheus prometheus;
    private static ApiServerProcess api;
    private static LiveBinary nodeExporter;
    private static LiveBinary alertmanager;
    private static Path tokenFile;
    private static Path webhookTokenFile;
    private static Optional<String> sceneFile = Optional.empty();
    private static List<String> nanWithoutTraffic = List.of();

    @BeforeAll
    static void startStackAndDriveTraffic() throws IOException, InterruptedException {
        tokenFile = dir.resolve("secrets").resolve("token");
        webhookTokenFile = dir.resolve("secrets").resolve("alert_webhook_token");
        Path project = Files.createDirectories(dir.resolve("project"));
        sceneFile = copySmallestScene(project);
        api = startApi(0);
        nodeExporter = startNodeExporter();
        alertmanager = startAlertmanager(api.port);

        Files.writeString(dir.resolve("probe_rules.yml"), """
                groups:
                  - name: dashboard-probe
                    rules:
                      - alert: DashboardProbeApiUp
                        expr: up{job="%s"} == 1
                        labels:
                          severity: info
                """.formatted(Jobs.API));
        var ruleFiles = new ArrayList<>(List.of(dir.resolve("probe_rules.yml").toString()));
        // The generated rules: the alerts (for the Firing alerts table) and the recordings the panels read.
        Path generated = Path.of(System.getProperty("spacetime.root", ".."), "monitoring", "prometheus");
        for (String file : List.of(RuleFileLayout.ALERTS_FILE, RuleFileLayout.RECORDING_FILE)) {
            assertThat(generated.resolve(file)).as("run mvn package first").isRegularFile();
            ruleFiles.add(generated.resolve(file).toAbsolutePath().toString());
        }
        StackJobs jobs = SETTINGS.stackJobs();
        prometheus = LivePrometheus.start(dir, self -> {
            // Each job's one target, as stack-gen names the jobs: the API, Prometheus itself, Alertmanager, node.
            var targets = new LinkedHashMap<String, Integer>();
            targets.put(Jobs.API, api.port);
            targets.put(jobs.prometheus(), self);
            targets.put(jobs.alertmanager(), alertmanager.port);
            targets.put(jobs.node(), nodeExporter.port);
            var scrapeConfigs = new StringBuilder();
            targets.forEach((job, port) -> scrapeConfigs.append("""
                      - job_name: %s
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(job, port)));
            return """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    rule_files: [%s]
                    alerting:
                      alertmanagers:
                        - static_configs:
                            - targets: ['127.0.0.1:%d']
                    scrape_configs:
                    """.formatted(String.join(", ", ruleFiles.stream().map(f -> "'" + f + "'").toList()),
                    alertmanager.port) + scrapeConfigs;
        });
        for (String job : List.of(Jobs.API, jobs.prometheus(), jobs.alertmanager(), jobs.node())) {
            prometheus.await("up{job=\"" + job + "\"}", r -> r.size() == 1
                    && "1".equals(r.get(0).get("value").get(1).asText()), Duration.ofSeconds(30));
        }
        Thread.sleep(2000); // a few scrapes of the first process, for the restart to be seen

        // A restart on the same port: a new process_start_time_seconds, i.e. a "deployment".
        api.close();
        api = startApi(api.port);
        prometheus.await("changes(" + Metrics.PROCESS_START_TIME.name() + "[1m]) > 0", r -> r.size() > 0,
                Duration.ofSeconds(30));

        nanWithoutTraffic = nanAnswers();
        driveTraffic();
        deliverWatchdogHeartbeat();
        // The probe alert went Prometheus -> Alertmanager -> the API's webhook: the notification panels have data.
        prometheus.await("sum(" + Metrics.ALERTMANAGER_NOTIFICATIONS.name() + "{" + Labels.JOB + "=\""
                + jobs.alertmanager() + "\"}) > 0", r -> r.size() == 1, Duration.ofSeconds(30));
    }

    private static LiveBinary startNodeExporter() throws IOException, InterruptedException {
        int port = LiveBinary.freePort();
        return LiveBinary.start(NODE_EXPORTER, "prometheus-node-exporter", port, "/metrics",
                dir.resolve("node-exporter.log"), List.of("--web.listen-address=127.0.0.1:" + port));
    }

    /** One receiver, the API's webhook with the token the API wrote; groups flushed within a second. */
    private static LiveBinary startAlertmanager(int apiPort) throws IOException, InterruptedException {
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: spacetime-api
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1m
                receivers:
                  - name: spacetime-api
                    webhook_configs:
                      - url: http://127.0.0.1:%d/alerts/webhook
                        send_resolved: true
                        http_config:
                          authorization:
                            credentials_file: %s
                """.formatted(apiPort, webhookTokenFile));
        int port = LiveBinary.freePort();
        return LiveBinary.start(ALERTMANAGER, "prometheus-alertmanager", port, "/-/ready",
                dir.resolve("alertmanager.log"), List.of("--config.file=" + config,
                        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=",
                        "--storage.path=" + dir.resolve("alertmanager-data")));
    }

    /**
     * What Alertmanager posts for the always-firing Watchdog (webhook payload version 4), with the webhook token the
     * API wrote: the API records it as the last heartbeat.
     */
    private static void deliverWatchdogHeartbeat() throws IOException, InterruptedException {
        var json = new ObjectMapper();
        var alert = json.createObjectNode().put("status", "firing");
        alert.putObject("labels").put(Labels.ALERTNAME, Heartbeats.WATCHDOG_ALERT).put("severity", Severity.NONE.label())
                .put("component", "monitoring").put(Labels.JOB, SETTINGS.stackJobs().prometheus());
        alert.putObject("annotations").put("summary", "The alerting pipeline works end to end.");
        alert.put("startsAt", Instant.now().minusSeconds(60).toString()).put("endsAt", "0001-01-01T00:00:00Z")
                .put("generatorURL", prometheus.base + "/graph").put("fingerprint", "0123456789abcdef");
        var payload = json.createObjectNode().put("version", "4").put("groupKey", "{}:{alertname=\"Watchdog\"}")
                .put("truncatedAlerts", 0).put("status", "firing").put("receiver", "spacetime-watchdog");
        payload.putObject("groupLabels").put(Labels.ALERTNAME, Heartbeats.WATCHDOG_ALERT);
        payload.putObject("commonLabels").put(Labels.ALERTNAME, Heartbeats.WATCHDOG_ALERT);
        payload.putObject("commonAnnotations");
        payload.put("externalURL", alertmanager.base);
        payload.putArray("alerts").add(alert);
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(api.base + "/alerts/webhook"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Files.readString(webhookTokenFile).strip())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("Watchdog delivery: %s", response.body()).isEqualTo(200);
    }

    /** Every panel query that had a NaN sample, with the sample's series ("Top endpoints..." rows of no requests). */
    private static List<String> nanAnswers() throws IOException, InterruptedException {
        var found = new ArrayList<String>();
        for (Visualization panel : DASHBOARD.visualizations().toList()) {
            for (Target target : panel.targets()) {
                String expr = concrete(target.expr());
                JsonNode answer = target.instant() ? prometheus.instant(expr) : prometheus.range(expr, RANGE, STEP);
                for (JsonNode series : answer.path("data").path("result")) {
                    if (seriesValues(series).stream().anyMatch(v -> v.isNaN())) {
                        found.add(panel.title() + " " + series.path("metric") + ": " + expr);
                    }
                }
            }
        }
        return found;
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
        if (alertmanager != null) {
            alertmanager.close();
        }
        if (nodeExporter != null) {
            nodeExporter.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private static ApiServerProcess startApi(int port) throws IOException, InterruptedException {
        return ApiServerProcess.start(port, dir.resolve("api-server.log"), "--token-file", tokenFile.toString(),
                "--alert-webhook-token-file", webhookTokenFile.toString(),
                "--project-root", dir.resolve("project").toString());
    }

    /** Real scenes from ../shared: the smallest one becomes a scene the server can load. */
    private static Optional<String> copySmallestScene(Path project) throws IOException {
        Path corpus = Path.of(System.getProperty("spacetime.root", ".."), "..", "shared", "scene-corpus");
        if (!Files.isDirectory(corpus)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(corpus)) {
            Optional<Path> smallest = files.filter(f -> f.toString().endsWith(".tscn"))
                    .min(Comparator.comparingLong(f -> f.toFile().length()));
            if (smallest.isEmpty()) {
                return Optional.empty();
            }
            Files.copy(smallest.get(), project.resolve("probe.tscn"));
            return Optional.of("res://probe.tscn");
        }
    }

    /** About 40 requests a second of every kind the dashboard shows, for {@link #TRAFFIC_SECONDS}. */
    private static void driveTraffic() throws IOException, InterruptedException {
        String token = Files.readString(tokenFile).strip();
        for (int second = 0; second < TRAFFIC_SECONDS; second++) {
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                send("GET", "/health/quick", null, null);
            }
            send("GET", "/health", null, null);
            send("GET", "/no/such/route", null, null);
            send("GET", "/auth/status", null, null);
            send("GET", "/auth/status", "not-a-token", null);
            // 15 a second against 100 a minute: rejected with 429 after the first seven seconds.
            for (int i = 0; i < 15; i++) {
                send("GET", "/auth/status", token, null);
            }
            send("POST", "/scene", token, "{\"scene_path\": \"" + sceneFile.orElse("res://missing.tscn") + "\"}");
            send("POST", "/scene", token, "{\"scene_path\": \"res://../outside.tscn\"}");
            long sleep = 1000 - (System.nanoTime() - start) / 1_000_000;
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
        }
    }

    private static void send(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(api.base + path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    // --- Checks --------------------------------------------------------------------------------------------------

    @Test
    void theTrafficReallyHappened() throws IOException, InterruptedException {
        assertThat(scalar("sum(" + Metrics.HTTP_REQUESTS.name() + ")")).isGreaterThan(100);
        assertThat(scalar("sum(" + Metrics.RATE_LIMIT_HITS.name() + ")")).as("429s").isPositive();
        assertThat(scalar("sum(" + Metrics.AUTH_ATTEMPTS.name() + "{" + Labels.RESULT + "=\"invalid_token\"})"))
                .isPositive();
    }

    @Test
    void noPanelQueryReturnsNaNBeforeOrAfterTraffic() throws IOException, InterruptedException {
        // Before: only Prometheus' scrapes and the start-up probes had reached the server.
        assertThat(nanWithoutTraffic).as("NaN samples without traffic").isEmpty();
        assertThat(nanAnswers()).as("NaN samples with traffic").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyPanelQueryRunsAndShowsDataWhereItsMetricsHadTraffic() {
        return DASHBOARD.visualizations().flatMap(v -> v.targets().stream().map(t ->
                DynamicTest.dynamicTest(v.title() + " / " + t.refId(), () -> checkTarget(v, t))));
    }

    /**
     * No query error ever. A query whose series all exist returns data; one whose series all had traffic (non-zero
     * now) has at least one number, not only NaN (a ratio or quantile of nothing).
     */
    private static void checkTarget(Visualization panel, Target target) throws IOException, InterruptedException {
        String expr = concrete(target.expr());
        JsonNode answer = target.instant() ? prometheus.instant(expr) : prometheus.range(expr, RANGE, STEP);
        assertThat(answer.path("status").asText()).as("%s: %s -> %s", panel.title(), expr, answer)
                .isEqualTo("success");
        List<Double> values = values(answer);
        Traffic traffic = traffic(expr);
        System.out.printf("%-32s %s  %-9s %5d samples  %s%n", panel.title(), target.refId(), traffic, values.size(),
                expr);
        // The heartbeat's age is empty by design until the first Watchdog arrives (the gauge is 0 before): its own
        // test waits for one.
        if (traffic != Traffic.NOT_EXPOSED && !panel.title().equals(PipelinePanels.HEARTBEAT_TITLE)) {
            assertThat(values).as("%s: %s returns data", panel.title(), expr).isNotEmpty();
        }
        if (traffic == Traffic.ACTIVE) {
            assertThat(values).as("%s: %s has a number (its metrics had traffic)", panel.title(), expr)
                    .anyMatch(Double::isFinite);
        }
        if (STACK_PANELS.contains(panel.title())) {
            assertThat(values).as("%s: %s shows the live stack", panel.title(), expr).isNotEmpty()
                    .allMatch(Double::isFinite);
        }
    }

    /** What Prometheus holds for the series of a query. */
    private enum Traffic {
        /** Some selector matches no series at all: the server does not expose it (yet). */
        NOT_EXPOSED,
        /** Every selector matches, some only zeros (a pre-seeded counter nothing incremented). */
        IDLE,
        /** Every selector matches something non-zero. */
        ACTIVE
    }

    private static Traffic traffic(String expr) throws IOException, InterruptedException {
        Traffic t = Traffic.ACTIVE;
        for (String selector : SeriesNames.selectorsIn(expr)) {
            double sum = scalar("sum(" + selector + ")");
            if (Double.isNaN(sum)) {
                return Traffic.NOT_EXPOSED;
            }
            if (sum == 0) {
                t = Traffic.IDLE;
            }
        }
        return t;
    }

    /** Once the Watchdog reached the API's webhook, the panel shows the heartbeat's age. */
    @Test
    void heartbeatAgeIsSmallAfterAWatchdogDelivery() throws IOException, InterruptedException {
        Target target = DASHBOARD.visualizations().filter(v -> v.title().equals(PipelinePanels.HEARTBEAT_TITLE))
                .findFirst().orElseThrow().targets().get(0);
        String expr = concrete(target.expr());
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(api.base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).as("the API exports the heartbeat gauge (its part of issue 22)")
                .contains(Metrics.ALERT_HEARTBEAT.name());
        prometheus.await(expr, r -> r.size() == 1, Duration.ofSeconds(15));
        JsonNode answer = prometheus.instant(expr);
        assertThat(values(answer)).as("%s -> %s", expr, answer).singleElement()
                .satisfies(age -> assertThat(age).isBetween(0.0, 60.0));
    }

    @Test
    void hostVariableListsTheNodeExporter() throws IOException, InterruptedException {
        assertThat(variableValues(HostPanels.HOST_VARIABLE)).containsExactly("127.0.0.1:" + nodeExporter.port);
    }

    @Test
    void deploymentAnnotationMarksTheRestart() throws IOException, InterruptedException {
        Annotation deployments = DASHBOARD.annotations().list().get(0);
        JsonNode answer = prometheus.range(concrete(deployments.expr()), RANGE, STEP);
        assertThat(answer.path("status").asText()).isEqualTo("success");
        assertThat(values(answer)).as("a mark for the restart").isNotEmpty();
    }

    @Test
    void endpointVariableListsTheRouteTemplatesThatHadTraffic() throws IOException, InterruptedException {
        assertThat(variableValues(Queries.ENDPOINT_VARIABLE)).contains("/health/quick", "/auth/status",
                Labels.UNMATCHED_ENDPOINT);
    }

    @Test
    void jobAndInstanceVariablesListTheScrapedApi() throws IOException, InterruptedException {
        assertThat(variableValues(Labels.JOB)).containsExactly(Jobs.API);
        assertThat(variableValues(Labels.INSTANCE)).containsExactly("127.0.0.1:" + api.port);
    }

    /**
     * What a query variable lists: {@code label_values(selector, label)} is Grafana's wrapper around the label values
     * API; the variables it refers to are substituted by their "All" values first.
     */
    private static List<String> variableValues(String name) throws IOException, InterruptedException {
        var variable = (Variable.Query) DASHBOARD.templating().list().stream()
                .filter(v -> v.name().equals(name)).findFirst().orElseThrow();
        var call = concrete(variable.query()).replaceAll("\\s", "");
        String selector = call.substring("label_values(".length(), call.lastIndexOf(','));
        String label = call.substring(call.lastIndexOf(',') + 1, call.length() - 1);
        var values = new ArrayList<String>();
        prometheus.labelValues(label, selector).path("data").forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Grafana's substitution: rate window and the "All" value of each query variable; the data source is the URL. */
    static String concrete(String expr) {
        String e = expr.replace(Macros.RATE_INTERVAL, RATE_WINDOW);
        for (Variable v : DASHBOARD.templating().list()) {
            if (v instanceof Variable.Query q) {
                e = e.replace("${" + q.name() + "}", q.allValue()).replace("$" + q.name(), q.allValue());
            }
        }
        assertThat(e).as("every variable substituted").doesNotContain("$");
        return e;
    }

    private static double scalar(String expr) throws IOException, InterruptedException {
        return LivePrometheus.firstValue(prometheus.instant(expr));
    }

    /** Every sample value of a vector or matrix answer. */
    private static List<Double> values(JsonNode answer) {
        var out = new ArrayList<Double>();
        for (JsonNode series : answer.path("data").path("result")) {
            out.addAll(seriesValues(series));
        }
        return out;
    }

    /** The sample values of one series of an answer (instant: one value; range: its points). */
    private static List<Double> seriesValues(JsonNode series) {
        var out = new ArrayList<Double>();
        if (series.has("value")) {
            out.add(Double.parseDouble(series.get("value").get(1).asText()));
        }
        for (JsonNode point : series.path("values")) {
            out.add(Double.parseDouble(point.get(1).asText()));
        }
        return out;
    }
}
