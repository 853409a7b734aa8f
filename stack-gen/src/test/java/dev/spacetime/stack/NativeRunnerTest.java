package dev.spacetime.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.settings.Settings;
import dev.spacetime.settings.StackJobs;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated run-native.sh for real (Debian Prometheus, Alertmanager, node exporter on free loopback
 * ports), checks what they loaded and the URLs it prints, exercises the inhibit rule in the live Alertmanager, keeps
 * data between runs, and tries the README's backup and restore commands (TSDB snapshot through the admin API,
 * amtool silence export and import); stops the script with SIGTERM or SIGINT and checks every child exited. Waits
 * are bounded; nothing asserts on speed.
 */
class NativeRunnerTest {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path tmp;
    private Process runner;

    @AfterEach
    void killLeftovers() {
        if (runner != null) {
            runner.descendants().forEach(ProcessHandle::destroyForcibly);
            runner.destroyForcibly();
        }
    }

    @Test
    void startsTheStackOnLoopbackAndStopsEveryChildOnSigterm() throws Exception {
        Path data = tmp.resolve("data");
        Ports ports = startStack(Map.of("SPACETIME_MONITORING_DATA_DIR", data.toString()));
        String prometheus = "http://127.0.0.1:" + ports.prometheus();
        String alertmanager = "http://127.0.0.1:" + ports.alertmanager();
        printedUrlsOpen(ports);

        assertThat(get(prometheus + "/api/v1/status/config").body())
                .contains("127.0.0.1:" + ports.alertmanager(), "127.0.0.1:" + ports.nodeExporter());
        assertThat(await(() -> get(prometheus + "/api/v1/targets").body(), b -> b.contains("127.0.0.1:" + ports.api())))
                .as("the API from the runner's targets file").contains("spacetime_api");
        assertThat(get(prometheus + "/api/v1/rules").body()).contains(Rules.ALERT_GROUP, Rules.RECORDING_GROUP);
        // The whole stack is scraped: Prometheus itself, Alertmanager and the node exporter the runner started.
        StackJobs jobs = Settings.defaults().stackJobs();
        for (String job : List.of(jobs.prometheus(), jobs.alertmanager(), jobs.node())) {
            await(() -> query(prometheus, "up{job=\"" + job + "\"} == 1"), r -> r.contains("\"value\""));
        }
        // Latency exemplars are kept (the API's request_id links, docs in PrometheusFeatures).
        assertThat(get(prometheus + "/api/v1/status/flags").body()).contains("\"enable-feature\":\"exemplar-storage\"");
        assertThat(Files.readString(data.resolve("alertmanager.yml")))
                .contains("http://127.0.0.1:" + ports.api() + "/alerts/webhook");
        assertThat(Files.readString(data.resolve(NativeRunnerSettings.STANDARD.webhookTokenFile()))).isEqualTo("not-a-real-token");

        criticalMutesOnlyTheWarningOfItsJobAndComponent(alertmanager);

        List<ProcessHandle> children = runner.descendants().toList();
        assertThat(children).extracting(c -> c.info().command().orElse(""))
                .anySatisfy(c -> assertThat(c).endsWith("/prometheus"))
                .anySatisfy(c -> assertThat(c).endsWith("/prometheus-alertmanager"))
                .anySatisfy(c -> assertThat(c).endsWith("/prometheus-node-exporter"));
        runner.destroy(); // SIGTERM
        assertStoppedCleanly(children);
        assertThat(data).isDirectory();
    }

    @Test
    void ctrlCStopsEveryChildAndEphemeralRemovesTheTempDataDir() throws Exception {
        startStack(Map.of(), "--ephemeral");
        String out = Files.readString(tmp.resolve("runner.out"));
        Path data = Path.of(out.substring(out.indexOf("data and logs in ") + "data and logs in ".length()).lines().findFirst().orElseThrow());
        assertThat(data).isDirectory();
        List<ProcessHandle> children = runner.descendants().toList();
        assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(runner.pid())).start().waitFor()).isZero();
        assertStoppedCleanly(children);
        assertThat(data).doesNotExist();
    }

    /**
     * Without a data directory the runner keeps everything under ~/.spacetime/monitoring-data (HOME is a temp dir
     * here), and a second run finds the history and silences of the first. The Maintenance commands of the README,
     * for real: a TSDB snapshot through the admin API and the silences exported with amtool are restored into a
     * fresh data directory.
     */
    @Test
    void keepsDataByDefaultAndBacksUpAndRestoresPrometheusAndSilences() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path data = home.resolve(NativeRunnerSettings.STANDARD.dataDirUnderHome());
        // Empty counts as unset: the runner links the token file where the API writes it by default.
        Ports ports = startStack(Map.of("HOME", home.toString(), "SPACETIME_ALERT_WEBHOOK_TOKEN_FILE", ""));
        String prometheus = "http://127.0.0.1:" + ports.prometheus();
        String amUrl = "--alertmanager.url=http://127.0.0.1:" + ports.alertmanager();
        assertThat(Files.readString(tmp.resolve("runner.out"))).contains("data and logs in " + data);
        assertThat(Files.readSymbolicLink(data.resolve(NativeRunnerSettings.STANDARD.webhookTokenFile())))
                .isEqualTo(home.resolve(".spacetime/alert_webhook_token"));
        String scraped = await(() -> query(prometheus, "up{job=\"prometheus\"} == 1"), r -> r.contains("\"value\""));
        // A sample of this run: later runs only answer a query at its time from the kept (or restored) TSDB.
        String before = scraped.replaceAll("(?s).*\"value\":\\[([0-9.]+),.*", "$1");
        String kept = "up{job=\"prometheus\"} == 1&time=" + before;

        Tool.Result added = Tool.AMTOOL.run(tmp, amUrl, "silence", "add", "alertname=HTTPAPIDown", "--duration=2h",
                "--comment=maintenance window", "--author=runbook-test");
        assertThat(added.ok()).as(added.toString()).isTrue();
        Tool.Result exported = Tool.AMTOOL.run(tmp, amUrl, "silence", "query", "-o", "json");
        assertThat(exported.ok()).as(exported.toString()).isTrue();
        Path silences = Files.writeString(tmp.resolve("silences.json"), exported.output());
        HttpResponse<String> snapshot = HTTP.send(HttpRequest.newBuilder(
                        URI.create(prometheus + "/api/v1/admin/tsdb/snapshot")).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(200);
        String name = snapshot.body().replaceAll(".*\"name\":\"([^\"]+)\".*", "$1");
        Path snapshotDir = data.resolve("prometheus").resolve("snapshots").resolve(name);
        assertThat(snapshotDir).isDirectory();
        stopAndWait();

        // The same (default) data directory again: history and the silence survived.
        startStack(Map.of("HOME", home.toString()), ports);
        assertThat(query(prometheus, kept)).contains("\"value\"");
        assertThat(Tool.AMTOOL.run(tmp, amUrl, "silence", "query", "alertname=HTTPAPIDown").output())
                .contains("maintenance window");
        stopAndWait();

        // Restore into a fresh data directory: the snapshot becomes the TSDB, the export is imported.
        Path restored = tmp.resolve("restored");
        copyTree(snapshotDir, restored.resolve("prometheus"));
        startStack(Map.of("SPACETIME_MONITORING_DATA_DIR", restored.toString()), ports);
        assertThat(Tool.AMTOOL.run(tmp, amUrl, "silence", "query", "-q").output()).isBlank();
        Tool.Result imported = Tool.AMTOOL.run(tmp, amUrl, "silence", "import", silences.toString());
        assertThat(imported.ok()).as(imported.toString()).isTrue();
        assertThat(Tool.AMTOOL.run(tmp, amUrl, "silence", "query", "alertname=HTTPAPIDown").output())
                .contains("maintenance window");
        assertThat(query(prometheus, kept)).contains("\"value\"");
        stopAndWait();

        // Without the snapshot, the same query finds nothing: the answers above came from the kept data.
        startStack(Map.of(), ports, "--ephemeral");
        assertThat(query(prometheus, kept)).contains("\"result\":[]");
    }

    private void stopAndWait() throws Exception {
        List<ProcessHandle> children = runner.descendants().toList();
        runner.destroy();
        assertStoppedCleanly(children);
    }

    /** An instant query; {@code promql} may end with {@code &time=T}. */
    private static String query(String prometheus, String promql) throws Exception {
        String[] parts = promql.split("&", 2);
        HttpResponse<String> r = get(prometheus + "/api/v1/query?query="
                + java.net.URLEncoder.encode(parts[0], java.nio.charset.StandardCharsets.UTF_8)
                + (parts.length > 1 ? "&" + parts[1] : ""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /**
     * Every Prometheus page the runner prints answers (Debian's classic UI), and its amtool command works against
     * Alertmanager, which Debian ships without a web UI.
     */
    private void printedUrlsOpen(Ports ports) throws Exception {
        List<String> lines = Files.readAllLines(tmp.resolve("runner.out"));
        List<String> pages = lines.stream().filter(l -> l.startsWith("Prometheus:"))
                .map(l -> l.substring("Prometheus:".length()).trim()).toList();
        assertThat(pages).hasSize(3).allSatisfy(url -> assertThat(get(url).statusCode()).as(url).isEqualTo(200))
                .contains("http://127.0.0.1:" + ports.prometheus() + "/classic/targets");
        assertThat(get("http://127.0.0.1:" + ports.prometheus() + "/targets").statusCode())
                .as("no React UI in Debian's package").isEqualTo(404);
        String alertmanager = lines.stream().filter(l -> l.startsWith("Alertmanager:")).findFirst().orElseThrow();
        assertThat(alertmanager).contains("no web UI");
        List<String> amtool = List.of(alertmanager.substring(alertmanager.indexOf("amtool ") + "amtool ".length())
                .split(" "));
        Tool.Result queried = Tool.AMTOOL.run(tmp, Map.of(), amtool);
        assertThat(queried.ok()).as(queried.toString()).isTrue();
        assertThat(lines).contains("Runbooks:      http://127.0.0.1:" + ports.api() + "/runbooks/ (served by the API)");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Heartbeat:").contains(ApiHeartbeat.WINDOW_ENV + "="
                + Settings.defaults().heartbeat().windowDuration().toSeconds()));
    }

    /** Generates monitoring/, starts run-native.sh on free ports with the real rule files, waits until all answer. */
    private Ports startStack(Map<String, String> extraEnv, String... args) throws Exception {
        return startStack(extraEnv, new Ports(freePort(), freePort(), freePort(), freePort()), args);
    }

    private Ports startStack(Map<String, String> extraEnv, Ports ports, String... args) throws Exception {
        Path monitoring = tmp.resolve("monitoring");
        StackGenerator.generateMonitoring(ComposeSettings.STANDARD, NativeRunnerSettings.STANDARD, monitoring);
        Path token = Files.writeString(tmp.resolve("token"), "not-a-real-token");
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "SPACETIME_API_PORT", String.valueOf(ports.api()),
                "SPACETIME_PROMETHEUS_PORT", String.valueOf(ports.prometheus()),
                "SPACETIME_ALERTMANAGER_PORT", String.valueOf(ports.alertmanager()),
                "SPACETIME_NODE_EXPORTER_PORT", String.valueOf(ports.nodeExporter()),
                "SPACETIME_RULES_DIR", Rules.write(tmp.resolve("rules")).toString(),
                "SPACETIME_ALERT_WEBHOOK_TOKEN_FILE", token.toString()));
        env.putAll(extraEnv);
        runner = start(monitoring, env, args);
        awaitOk("http://127.0.0.1:" + ports.prometheus() + "/-/ready");
        awaitOk("http://127.0.0.1:" + ports.alertmanager() + "/-/ready");
        awaitOk("http://127.0.0.1:" + ports.nodeExporter() + "/metrics");
        return ports;
    }

    private void assertStoppedCleanly(List<ProcessHandle> children) throws Exception {
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).as("runner exits after the signal").isTrue();
        assertThat(runner.exitValue()).as(Files.readString(tmp.resolve("runner.out"))).isZero();
        assertThat(children).hasSizeGreaterThanOrEqualTo(3);
        for (ProcessHandle child : children) {
            child.onExit().get(30, TimeUnit.SECONDS);
            assertThat(child.isAlive()).as(child.info().toString()).isFalse();
        }
    }

    /**
     * {@code --ha} with a fleet given by {@code --api}: two Prometheus replicas scraping every instance from the
     * targets file, two clustered Alertmanagers, VictoriaMetrics receiving both replicas' samples under one series
     * (the replica label dropped); an instance added to the targets file while running is scraped without a restart.
     */
    @Test
    void highAvailabilityRunsTwoReplicasAClusterAndTheLongTermStoreAndPicksUpNewInstances() throws Exception {
        Path data = tmp.resolve("data");
        List<String> apis = List.of("127.0.0.1:" + freePort(), "127.0.0.1:" + freePort());
        int prometheusB = freePort();
        int alertmanagerB = freePort();
        int victoria = freePort();
        Ports ports = startStack(Map.of("SPACETIME_MONITORING_DATA_DIR", data.toString(),
                "SPACETIME_PROMETHEUS_B_PORT", String.valueOf(prometheusB),
                "SPACETIME_ALERTMANAGER_B_PORT", String.valueOf(alertmanagerB),
                "SPACETIME_ALERTMANAGER_CLUSTER_PORT", String.valueOf(freePort()),
                "SPACETIME_ALERTMANAGER_B_CLUSTER_PORT", String.valueOf(freePort()),
                "SPACETIME_VICTORIA_METRICS_PORT", String.valueOf(victoria)),
                "--ha", "--api", apis.get(0), "--api=" + apis.get(1));
        awaitOk("http://127.0.0.1:" + prometheusB + "/-/ready");
        awaitOk("http://127.0.0.1:" + alertmanagerB + "/-/ready");
        for (int prometheus : List.of(ports.prometheus(), prometheusB)) {
            await(() -> get("http://127.0.0.1:" + prometheus + "/api/v1/targets").body(),
                    b -> b.contains(apis.get(0)) && b.contains(apis.get(1)));
        }
        // The webhook goes to the first instance.
        assertThat(Files.readString(data.resolve("alertmanager.yml"))).contains("http://" + apis.get(0) + "/alerts/webhook");
        await(() -> get("http://127.0.0.1:" + alertmanagerB + "/api/v2/status").body(),
                b -> b.contains("\"status\":\"ready\"") && b.split("\"address\"").length == 3);
        // Both replicas write "up" of Prometheus itself; the store holds one series per target, without "replica".
        String stored = await(() -> query("http://127.0.0.1:" + victoria, "up{job=\"prometheus\"}"),
                b -> b.split("\"instance\"").length == 3);
        // Each replica scrapes both Alertmanagers.
        for (int prometheus : List.of(ports.prometheus(), prometheusB)) {
            await(() -> query("http://127.0.0.1:" + prometheus, "up{job=\"alertmanager\"} == 1"),
                    b -> b.contains(":" + ports.alertmanager() + "\"") && b.contains(":" + alertmanagerB + "\""));
        }
        assertThat(stored).doesNotContain("\"replica\"");

        String added = "127.0.0.1:" + freePort();
        Path targets = data.resolve(FleetSettings.STANDARD.apiTargetsFile());
        Files.writeString(targets, Files.readString(targets) + "    - \"" + added + "\"\n");
        await(() -> get("http://127.0.0.1:" + prometheusB + "/api/v1/targets").body(), b -> b.contains(added));
        List<ProcessHandle> children = runner.descendants().toList();
        assertThat(children).hasSize(6);
        runner.destroy();
        assertStoppedCleanly(children);
    }

    @Test
    void aBadApiAddressIsRefused() throws Exception {
        Path monitoring = tmp.resolve("monitoring");
        StackGenerator.generateMonitoring(ComposeSettings.STANDARD, NativeRunnerSettings.STANDARD, monitoring);
        runner = start(monitoring, Map.of(), "--api", "http://host/");
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isEqualTo(1);
        assertThat(Files.readString(tmp.resolve("runner.out"))).contains("not a HOST:PORT API address");
    }

    @Test
    void anUnknownArgumentPrintsTheUsage() throws Exception {
        Path monitoring = tmp.resolve("monitoring");
        StackGenerator.generateMonitoring(ComposeSettings.STANDARD, NativeRunnerSettings.STANDARD, monitoring);
        runner = start(monitoring, Map.of(), "--ephemral");
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isEqualTo(2);
        assertThat(Files.readString(tmp.resolve("runner.out"))).contains("usage:", "--ephemeral");
    }

    @Test
    void aMissingBinaryNamesItsDebianPackage() throws Exception {
        Path monitoring = tmp.resolve("monitoring");
        StackGenerator.generateMonitoring(ComposeSettings.STANDARD, NativeRunnerSettings.STANDARD, monitoring);
        runner = start(monitoring, Map.of("SPACETIME_ALERTMANAGER_BIN", tmp.resolve("absent").toString()));
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isEqualTo(1);
        assertThat(Files.readString(tmp.resolve("runner.out"))).contains("install the Debian package 'prometheus-alertmanager'");
    }

    /**
     * The generated inhibit rule in the real Alertmanager: equal [job, component] mutes the API's warning of the
     * same job and component only, not another component's nor the same component's of another job; and within
     * the pipeline a critical mutes nothing (a failed config reload may be why notifications fail).
     */
    private void criticalMutesOnlyTheWarningOfItsJobAndComponent(String alertmanager) throws Exception {
        String alerts = """
                [{"labels": {"alertname": "CriticalMemoryUsage", "severity": "critical", "component": "memory",
                             "job": "spacetime_api"}},
                 {"labels": {"alertname": "HighMemoryUsage", "severity": "warning", "component": "memory",
                             "job": "spacetime_api"}},
                 {"labels": {"alertname": "OtherJobMemory", "severity": "warning", "component": "memory",
                             "job": "other"}},
                 {"labels": {"alertname": "SlowRequestLatency", "severity": "warning", "component": "latency",
                             "job": "spacetime_api"}},
                 {"labels": {"alertname": "AlertmanagerNotificationsFailing", "severity": "critical",
                             "component": "monitoring", "job": "alertmanager", "integration": "webhook"}},
                 {"labels": {"alertname": "AlertmanagerConfigReloadFailed", "severity": "warning",
                             "component": "monitoring", "job": "alertmanager"}}]""";
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(alertmanager + "/api/v2/alerts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alerts)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

        Set<String> names = Set.of("CriticalMemoryUsage", "HighMemoryUsage", "OtherJobMemory", "SlowRequestLatency",
                "AlertmanagerNotificationsFailing", "AlertmanagerConfigReloadFailed");
        Map<String, List<?>> inhibitedBy = await(() -> inhibitedByAlertname(alertmanager, names),
                m -> m.size() == names.size() && !m.get("HighMemoryUsage").isEmpty());
        assertThat(inhibitedBy.get("HighMemoryUsage")).hasSize(1);
        inhibitedBy.forEach((name, by) -> {
            if (!name.equals("HighMemoryUsage")) {
                assertThat(by).as(name).isEmpty();
            }
        });
    }

    /**
     * The inhibitors of each of {@code names} in Alertmanager; other alerts (the rules' own, such as the Watchdog,
     * which fire in this stack too) are left out.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, List<?>> inhibitedByAlertname(String alertmanager, Set<String> names) throws Exception {
        // JSON is YAML; snakeyaml is already on the test classpath.
        List<Map<String, Object>> alerts = new org.yaml.snakeyaml.Yaml().load(get(alertmanager + "/api/v2/alerts").body());
        return alerts.stream().filter(a -> names.contains((String) Yaml.map(a, "labels").get("alertname")))
                .collect(java.util.stream.Collectors.toMap(
                        a -> (String) Yaml.map(a, "labels").get("alertname"),
                        a -> (List<?>) Yaml.map(a, "status").get("inhibitedBy")));
    }

    private Process start(Path monitoring, Map<String, String> env, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(monitoring.resolve(StackGenerator.RUN_NATIVE).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("runner.out").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private void awaitOk(String url) throws Exception {
        await(() -> get(url).statusCode(), status -> status == 200);
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls until {@code done} holds; fails with the runner's output if the runner dies or time runs out. */
    private <T> T await(Probe<T> probe, Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(STARTUP);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!runner.isAlive()) {
                throw new AssertionError("runner exited " + runner.exitValue() + ":\n" + Files.readString(tmp.resolve("runner.out")));
            }
            try {
                T value = probe.get();
                if (done.test(value)) {
                    return value;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready within " + STARTUP + ":\n" + Files.readString(tmp.resolve("runner.out")), last);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
