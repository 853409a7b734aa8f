package dev.spacetime.stack;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated run-native.sh for real (Debian Prometheus, Alertmanager, node exporter on free loopback
 * ports), checks what they loaded, exercises the inhibit rule in the live Alertmanager, then stops the script
 * with SIGTERM and checks every child exited. Waits are bounded; nothing asserts on speed.
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

        assertThat(get(prometheus + "/api/v1/status/config").body())
                .contains("127.0.0.1:" + ports.api(), "127.0.0.1:" + ports.alertmanager(), "127.0.0.1:" + ports.nodeExporter());
        assertThat(get(prometheus + "/api/v1/rules").body()).contains(Rules.ALERT_GROUP, Rules.RECORDING_GROUP);
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
    void ctrlCStopsEveryChildAndRemovesTheTempDataDir() throws Exception {
        startStack(Map.of());
        String out = Files.readString(tmp.resolve("runner.out"));
        Path data = Path.of(out.substring(out.indexOf("data and logs in ") + "data and logs in ".length()).lines().findFirst().orElseThrow());
        assertThat(data).isDirectory();
        List<ProcessHandle> children = runner.descendants().toList();
        assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(runner.pid())).start().waitFor()).isZero();
        assertStoppedCleanly(children);
        assertThat(data).doesNotExist();
    }

    /** Generates monitoring/, starts run-native.sh on free ports with the real rule files, waits until all answer. */
    private Ports startStack(Map<String, String> extraEnv) throws Exception {
        Path monitoring = tmp.resolve("monitoring");
        StackGenerator.generateMonitoring(ComposeSettings.STANDARD, NativeRunnerSettings.STANDARD, monitoring);
        Path token = Files.writeString(tmp.resolve("token"), "not-a-real-token");
        Ports ports = new Ports(freePort(), freePort(), freePort(), freePort());
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "SPACETIME_API_PORT", String.valueOf(ports.api()),
                "SPACETIME_PROMETHEUS_PORT", String.valueOf(ports.prometheus()),
                "SPACETIME_ALERTMANAGER_PORT", String.valueOf(ports.alertmanager()),
                "SPACETIME_NODE_EXPORTER_PORT", String.valueOf(ports.nodeExporter()),
                "SPACETIME_RULES_DIR", Rules.write(tmp.resolve("rules")).toString(),
                "SPACETIME_ALERT_WEBHOOK_TOKEN_FILE", token.toString()));
        env.putAll(extraEnv);
        runner = start(monitoring, env);
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
     * The generated inhibit rule in the real Alertmanager: equal [job, component] mutes the warning of the same
     * job and component only, not another component's nor the same component's of another job.
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
                             "job": "spacetime_api"}}]""";
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(alertmanager + "/api/v2/alerts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alerts)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

        Map<String, List<?>> inhibitedBy = await(() -> inhibitedByAlertname(alertmanager),
                m -> m.size() == 4 && !m.get("HighMemoryUsage").isEmpty());
        assertThat(inhibitedBy.get("CriticalMemoryUsage")).isEmpty();
        assertThat(inhibitedBy.get("OtherJobMemory")).isEmpty();
        assertThat(inhibitedBy.get("SlowRequestLatency")).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<?>> inhibitedByAlertname(String alertmanager) throws Exception {
        // JSON is YAML; snakeyaml is already on the test classpath.
        List<Map<String, Object>> alerts = new org.yaml.snakeyaml.Yaml().load(get(alertmanager + "/api/v2/alerts").body());
        return alerts.stream().collect(java.util.stream.Collectors.toMap(
                a -> (String) Yaml.map(a, "labels").get("alertname"),
                a -> (List<?>) Yaml.map(a, "status").get("inhibitedBy")));
    }

    private Process start(Path monitoring, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(monitoring.resolve(StackGenerator.RUN_NATIVE).toString())
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
