package dev.spacetime.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.alerts.Consoles;
import dev.spacetime.catalog.Jobs;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.StackJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackGeneratorTest {

    @TempDir
    Path tmp;

    private Path monitoring() throws IOException {
        Path monitoring = tmp.resolve("monitoring");
        StackGenerator.generateMonitoring(ComposeSettings.STANDARD, NativeRunnerSettings.STANDARD, monitoring);
        return monitoring;
    }

    @Test
    void outputIsByteIdenticalAcrossRuns() throws IOException {
        List<Path> first = StackGenerator.generateMonitoring(ComposeSettings.STANDARD, NativeRunnerSettings.STANDARD, tmp.resolve("a"));
        List<Path> second = StackGenerator.generateMonitoring(ComposeSettings.STANDARD, NativeRunnerSettings.STANDARD, tmp.resolve("b"));
        // 3 compose files, 4 compose configs + 4 of the HA pair, 5 native configs, the runner, each prometheus.yml's targets file.
        assertThat(first).hasSameSizeAs(second).hasSize(21);
        for (int i = 0; i < first.size(); i++) {
            assertThat(tmp.resolve("a").relativize(first.get(i))).isEqualTo(tmp.resolve("b").relativize(second.get(i)));
            assertThat(Files.readAllBytes(first.get(i))).isEqualTo(Files.readAllBytes(second.get(i)));
        }
    }

    @Test
    void composeStackIsCheckedByTheRealTools() throws IOException {
        Path monitoring = monitoring();
        Rules.write(monitoring.resolve(StackGenerator.PROMETHEUS_DIR));
        List<Tool.Result> results = StackCheck.checkMonitoring(monitoring, NativeRunnerSettings.STANDARD, false);
        assertThat(results).hasSizeGreaterThan(2 * RoutingExpectation.standard().size() + 4);
        assertThat(results).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());
        assertThat(results.stream().map(Tool.Result::output).collect(Collectors.joining()))
                .contains("SUCCESS: 2 rule files found");
    }

    @Test
    void promtoolRejectsTheConfigWhenTheRuleFilesAreMissing() throws IOException {
        Path monitoring = monitoring();
        Path config = monitoring.resolve(StackGenerator.PROMETHEUS_DIR).resolve(StackGenerator.PROMETHEUS_YML);
        Tool.Result result = StackCheck.promtoolCheckConfig(config, tmp.resolve("no-rules"), PrometheusSettings.RULE_FILES);
        assertThat(result.ok()).as(result.toString()).isFalse();
        assertThat(result.output()).contains(PrometheusSettings.RULE_FILES.get(0));
    }

    @Test
    void prometheusScrapesTheApiItselfAlertmanagerAndNodeExporterAndAlertsToAlertmanager() throws IOException {
        Map<String, Object> config = Yaml.load(monitoring().resolve("prometheus/prometheus.yml"));
        assertThat(Yaml.map(config, "global")).containsEntry("scrape_interval", "15s").containsEntry("evaluation_interval", "15s");
        assertThat(Yaml.list(config, "rule_files")).containsExactly("prometheus_alerts.yml", "recording_rules.yml");
        Map<Object, Object> targets = Yaml.list(config, "scrape_configs").stream()
                .filter(job -> ((Map<?, ?>) job).containsKey("static_configs")).collect(Collectors.toMap(
                job -> ((Map<?, ?>) job).get("job_name"),
                job -> ((Map<?, ?>) Yaml.list(job, "static_configs").get(0)).get("targets")));
        StackJobs jobs = Settings.defaults().stackJobs();
        assertThat(targets).containsExactlyInAnyOrderEntriesOf(Map.of(
                jobs.prometheus(), List.of("localhost:9090"),
                jobs.alertmanager(), List.of("alertmanager:9093"),
                jobs.node(), List.of("node-exporter:9100")));
        assertThat(apiTargets(monitoring().resolve("prometheus"), config, "api-targets.yml")).containsExactly("api:8080");
        assertThat(Yaml.map(config, "alerting").toString()).contains("alertmanager:9093");

        Map<String, Object> hostApi = Yaml.load(monitoring().resolve("prometheus/prometheus-host-api.yml"));
        assertThat(apiTargets(monitoring().resolve("prometheus"), hostApi, StackSettings.HOST_API_TARGETS_FILE))
                .containsExactly("host.docker.internal:8080");
    }

    /** The API job reads {@code file} (beside prometheus.yml) through file_sd; the targets it lists. */
    private static List<Object> apiTargets(Path dir, Map<String, Object> config, String file) throws IOException {
        Map<?, ?> api = (Map<?, ?>) Yaml.list(config, "scrape_configs").stream()
                .filter(job -> Jobs.API.equals(((Map<?, ?>) job).get("job_name"))).findFirst().orElseThrow();
        assertThat(api.containsKey("static_configs")).isFalse();
        assertThat(Yaml.list(Yaml.list(api, "file_sd_configs").get(0), "files")).containsExactly(file);
        List<Object> groups = new org.yaml.snakeyaml.Yaml().load(Files.readString(dir.resolve(file)));
        return Yaml.list(groups.get(0), "targets");
    }

    /**
     * Each replica of the HA pair: its replica label, dropped from alerts and from writes to VictoriaMetrics (which
     * deduplicates), both Alertmanagers, the same targets file; the compose override adds the twins and the store.
     */
    @Test
    void theHighAvailabilityPairDiffersOnlyByTheReplicaLabelAndItsOwnAddress() throws IOException {
        Path monitoring = monitoring();
        for (String dir : List.of("prometheus", "native")) {
            Map<String, Object> a = Yaml.load(monitoring.resolve(dir).resolve(StackGenerator.replicaConfig("a")));
            Map<String, Object> b = Yaml.load(monitoring.resolve(dir).resolve(StackGenerator.replicaConfig("b")));
            assertThat(Yaml.map(Yaml.map(a, "global"), "external_labels")).isEqualTo(Map.of("replica", "a"));
            assertThat(Yaml.map(Yaml.map(b, "global"), "external_labels")).isEqualTo(Map.of("replica", "b"));
            for (Map<String, Object> replica : List.of(a, b)) {
                Map<String, Object> alerting = Yaml.map(replica, "alerting");
                assertThat(Yaml.list(alerting, "alert_relabel_configs"))
                        .containsExactly(Map.of("action", "labeldrop", "regex", "replica"));
                assertThat(Yaml.list(Yaml.list(Yaml.list(alerting, "alertmanagers").get(0), "static_configs").get(0),
                        "targets")).hasSize(2);
                Map<?, ?> write = (Map<?, ?>) Yaml.list(replica, "remote_write").get(0);
                assertThat((String) write.get("url")).endsWith(":8428/api/v1/write");
                assertThat(Yaml.list(write, "write_relabel_configs"))
                        .containsExactly(Map.of("action", "labeldrop", "regex", "replica"));
                assertThat(apiTargets(monitoring.resolve(dir), replica, "api-targets.yml")).hasSize(1);
                // Every Alertmanager of the pair is scraped, as it is alerted.
                assertThat(staticTargets(replica).get(Jobs.ALERTMANAGER)).isEqualTo(Yaml.list(Yaml.list(
                        Yaml.list(alerting, "alertmanagers").get(0), "static_configs").get(0), "targets"));
                assertThat(staticTargets(replica)).containsKeys(Jobs.PROMETHEUS, Jobs.NODE);
            }
        }
        Tool.Result merged = Tool.DOCKER_COMPOSE.runInEmptyEnvironment(monitoring, List.of("-f",
                StackGenerator.COMPOSE_YML, "-f", StackGenerator.COMPOSE_HA_YML, "config"));
        assertThat(merged.ok()).as(merged.toString()).isTrue();
        Map<String, Object> services = Yaml.map(new org.yaml.snakeyaml.Yaml().load(merged.output()), "services");
        assertThat(services).containsKeys("prometheus", "prometheus-b", "alertmanager", "alertmanager-b",
                "victoriametrics", "node-exporter");
        assertThat(Yaml.list(Yaml.map(services, "alertmanager"), "command")).contains("--cluster.peer=alertmanager-b:9094");
        assertThat(Yaml.list(Yaml.map(services, "alertmanager-b"), "command")).contains("--cluster.peer=alertmanager:9094");
        assertThat(Yaml.list(Yaml.map(services, "prometheus-b"), "command"))
                .contains("--config.file=/etc/prometheus/prometheus-ha-b.yml");
        // Grafana's second data source is this service.
        assertThat(dev.spacetime.dashboard.Provisioning.LONG_TERM_URL)
                .isEqualTo("http://" + ComposeService.VICTORIAMETRICS.serviceName() + ":" + FleetSettings.STANDARD.longTermStore().port());
    }

    /** A scrape job's static targets by job name. */
    private static Map<Object, Object> staticTargets(Map<String, Object> config) {
        return Yaml.list(config, "scrape_configs").stream()
                .filter(job -> ((Map<?, ?>) job).containsKey("static_configs")).collect(Collectors.toMap(
                        job -> ((Map<?, ?>) job).get("job_name"),
                        job -> ((Map<?, ?>) Yaml.list(job, "static_configs").get(0)).get("targets")));
    }

    /**
     * The rules and the dashboard select the scope's cluster label, so the API's series must carry it, and so must
     * the stack's own (the pipeline and host alerts select the stack's jobs in the scope's cluster), under the
     * settings' job names.
     */
    @Test
    void aClusterScopeLabelsEverySeriesOfTheApiAndTheStack() throws IOException {
        StackJobs kubePrometheus = StackJobs.named("prometheus-k8s", "alertmanager-main", "node-exporter");
        Settings clustered = Settings.defaults().withScope(Scope.defaults().withCluster("cluster", "eu-1"))
                .withStackJobs(kubePrometheus);
        StackSettings single = StackSettings.nativeLoopback(new Ports(18080, 19090, 19093, 19100), "token");
        StackSettings stack = new StackSettings(PrometheusSettings.of(clustered, FleetSettings.STANDARD,
                FleetSettings.STANDARD.apiTargetsFile(), List.of("127.0.0.1:18080"), "127.0.0.1:19090",
                "127.0.0.1:19100", List.of("127.0.0.1:19093")), single.alertmanager());
        StackGenerator.generate(stack, tmp);
        Path config = tmp.resolve(StackGenerator.PROMETHEUS_YML);
        Rules.write(tmp);
        Tool.Result promtool = StackCheck.promtoolCheckConfig(config, tmp, PrometheusSettings.RULE_FILES);
        assertThat(promtool.ok()).as(promtool.toString()).isTrue();
        Map<String, Object> relabelling = Map.of("target_label", "cluster", "replacement", "eu-1");
        List<Object> jobs = Yaml.list(Yaml.load(config), "scrape_configs");
        assertThat(jobs).extracting(job -> (Object) ((Map<?, ?>) job).get("job_name")).containsExactly(Jobs.API,
                kubePrometheus.prometheus(), kubePrometheus.alertmanager(), kubePrometheus.node());
        for (Object job : jobs) {
            Map<?, ?> scrape = (Map<?, ?>) job;
            assertThat(scrape.get("relabel_configs")).as(String.valueOf(scrape.get("job_name")))
                    .isEqualTo(List.of(relabelling));
        }
        Map<String, Object> unclustered = Yaml.load(monitoring().resolve("prometheus/prometheus.yml"));
        assertThat(Yaml.list(unclustered, "scrape_configs")).hasSize(4)
                .allSatisfy(job -> assertThat(((Map<?, ?>) job).containsKey("relabel_configs")).isFalse());
    }

    /** Mimir and Thanos Receive keep the replica label (they deduplicate by it); Mimir gets its tenant header. */
    @Test
    void mimirAndThanosEndpointsAreTypedAndPassPromtool() throws IOException {
        Ports ports = new Ports(18080, 19090, 19093, 19100);
        StackSettings single = StackSettings.nativeLoopback(ports, "token");
        FleetSettings.HighAvailability ha = FleetSettings.STANDARD.highAvailability();
        for (RemoteWrite store : List.of(RemoteWrite.mimir("https://mimir.example/", "vr-fleet"),
                RemoteWrite.thanosReceive("http://thanos-receive:10908"))) {
            Path dir = tmp.resolve(store.store().name());
            StackGenerator.generateReplica(StackSettings.replica(single, ha, ha.replicas().get(0), List.of("127.0.0.1:19093"),
                    store, List.of("127.0.0.1:19090")), dir);
            Path config = dir.resolve(StackGenerator.replicaConfig("a"));
            Rules.write(dir);
            Tool.Result promtool = StackCheck.promtoolCheckConfig(config, dir, PrometheusSettings.RULE_FILES);
            assertThat(promtool.ok()).as(promtool.toString()).isTrue();
            Map<?, ?> write = (Map<?, ?>) Yaml.list(Yaml.load(config), "remote_write").get(0);
            assertThat(write.containsKey("write_relabel_configs")).isFalse();
            if (store.store() == RemoteWrite.Store.MIMIR) {
                assertThat(write.get("url")).isEqualTo("https://mimir.example/api/v1/push");
                assertThat(write.get("headers")).isEqualTo(Map.of("X-Scope-OrgID", "vr-fleet"));
            } else {
                assertThat(write.get("url")).isEqualTo("http://thanos-receive:10908/api/v1/receive");
            }
        }
    }

    @Test
    void composeRunsTheApiAndFourPinnedServicesWithRestartsAndVolumes() throws IOException {
        Map<String, Object> compose = Yaml.load(monitoring().resolve("docker-compose.yml"));
        Map<String, Object> services = Yaml.map(compose, "services");
        assertThat(services).containsOnlyKeys("api", "prometheus", "grafana", "alertmanager", "node-exporter");
        services.forEach((name, service) -> {
            Map<?, ?> s = (Map<?, ?>) service;
            assertThat((String) s.get("container_name")).as(name).startsWith("spacetime_");
            assertThat(s.get("restart")).as(name).isEqualTo("unless-stopped");
            if (!name.equals("api")) {
                assertThat((String) s.get("image")).as(name).matches("[a-z/-]+:v?\\d+\\.\\d+\\.\\d+");
                assertThat(Yaml.map(s, "healthcheck").get("test").toString()).as(name).contains("wget", "http://127.0.0.1:");
            }
            assertThat(s.containsKey("extra_hosts") || s.containsKey("secrets")).as(name).isFalse();
        });
        assertThat(compose).doesNotContainKey("secrets");
        assertThat(Yaml.map(compose, "volumes")).containsOnlyKeys("api_data", "alert_webhook_token", "prometheus_data",
                "alertmanager_data", "grafana_data");
        Map<String, Object> prometheus = Yaml.map(services, "prometheus");
        assertThat(Yaml.list(prometheus, "command")).contains("--config.file=/etc/prometheus/prometheus.yml",
                "--storage.tsdb.retention.time=15d", "--storage.tsdb.retention.size=10GB",
                "--enable-feature=exemplar-storage");
        Map<String, Object> grafana = Yaml.map(services, "grafana");
        assertThat(Yaml.map(grafana, "environment"))
                .containsEntry("GF_SECURITY_ADMIN_USER", "admin").containsEntry("GF_SECURITY_ADMIN_PASSWORD", "admin");
        assertThat(Yaml.list(grafana, "volumes")).contains(
                "./grafana/datasources:/etc/grafana/provisioning/datasources:ro",
                "./grafana/dashboards:/etc/grafana/provisioning/dashboards:ro");
    }

    @Test
    void theApiIsBuiltFromItsDockerfileAndSharesTheWebhookTokenWithAlertmanagerReadOnly() throws IOException {
        ApiImage image = ComposeSettings.STANDARD.api();
        Map<String, Object> services = Yaml.map(Yaml.load(monitoring().resolve("docker-compose.yml")), "services");
        Map<String, Object> api = Yaml.map(services, "api");
        assertThat(Yaml.map(api, "build")).containsEntry("context", "..").containsEntry("dockerfile", "api-server/Dockerfile");
        assertThat(api).containsEntry("mem_limit", image.memoryLimit());
        assertThat(Yaml.list(api, "ports")).containsExactly("127.0.0.1:8080:" + image.port());
        assertThat(Yaml.list(api, "volumes")).containsExactly("api_data:/var/lib/spacetime",
                "alert_webhook_token:/run/spacetime");
        // The window the API's alerting health allows follows the Watchdog's pace, from the same settings.
        assertThat(Yaml.map(api, "environment")).isEqualTo(Map.of(ApiHeartbeat.WINDOW_ENV,
                String.valueOf(Settings.defaults().heartbeat().windowDuration().toSeconds())));
        assertThat(Files.readString(monitoring().resolve(StackGenerator.COMPOSE_HOST_API_YML)))
                .contains(ApiHeartbeat.WINDOW_ENV + "=300 java -jar ");
        assertThat(Yaml.list(Yaml.map(services, "alertmanager"), "volumes")).contains("alert_webhook_token:/run/spacetime:ro");
        // Where Alertmanager reads the token is where the image tells the API to write it.
        assertThat(image.environment()).containsEntry("SPACETIME_ALERT_WEBHOOK_TOKEN_FILE",
                "/run/spacetime/alert_webhook_token");
        assertThat(Yaml.load(monitoring().resolve("alertmanager/alertmanager.yml")).toString())
                .contains("credentials_file=/run/spacetime/alert_webhook_token", "url=http://api:8080/alerts/webhook");
    }

    @Test
    void bothComposeVariantsPassDockerComposeConfigWithNoEnvironment() throws IOException {
        Path monitoring = monitoring();
        for (List<String> files : List.of(List.of(StackGenerator.COMPOSE_YML),
                List.of(StackGenerator.COMPOSE_YML, StackGenerator.COMPOSE_HOST_API_YML))) {
            Tool.Result result = StackCheck.composeConfig(monitoring, files);
            assertThat(result.ok()).as(result.toString()).isTrue();
            assertThat(result.output()).as(files.toString()).doesNotContain("WARNING", "not set");
        }
    }

    @Test
    void theHostApiOverrideKeepsTheSeedsLayout() throws IOException {
        Path monitoring = monitoring();
        Tool.Result merged = Tool.DOCKER_COMPOSE.runInEmptyEnvironment(monitoring, List.of("-f",
                StackGenerator.COMPOSE_YML, "-f", StackGenerator.COMPOSE_HOST_API_YML, "config"));
        assertThat(merged.ok()).as(merged.toString()).isTrue();
        Map<String, Object> services = Yaml.map(new org.yaml.snakeyaml.Yaml().load(merged.output()), "services");
        assertThat(Yaml.list(Yaml.map(services, "api"), "profiles")).containsExactly(ComposeSettings.API_PROFILE);
        assertThat(services).containsKeys("prometheus", "alertmanager", "node-exporter");
        Map<String, Object> prometheus = Yaml.map(services, "prometheus");
        assertThat(Yaml.list(prometheus, "command")).contains("--config.file=/etc/prometheus/prometheus-host-api.yml",
                "--storage.tsdb.retention.size=10GB");
        assertThat(Yaml.map(prometheus, "extra_hosts")).containsEntry("host.docker.internal", "host-gateway");
        Map<String, Object> alertmanager = Yaml.map(services, "alertmanager");
        assertThat(Yaml.list(alertmanager, "command")).contains("--config.file=/etc/alertmanager/alertmanager-host-api.yml");
        // The host's readable copy replaces the API container's volume at the same path.
        assertThat(Yaml.list(alertmanager, "volumes")).hasSize(3)
                .anySatisfy(v -> assertThat((String) v).endsWith("/host-api-secrets:/run/spacetime:ro"))
                .noneSatisfy(v -> assertThat((String) v).startsWith("alert_webhook_token:"));
        assertThat(Yaml.load(monitoring.resolve("alertmanager/alertmanager-host-api.yml")).toString())
                .contains("url=http://host.docker.internal:8080/alerts/webhook",
                        "credentials_file=/run/spacetime/alert_webhook_token");
    }

    @Test
    void webhookTokenIsReferencedByFileNeverInlined() throws IOException {
        Map<String, Object> config = Yaml.load(monitoring().resolve("alertmanager/alertmanager.yml"));
        assertThat(Yaml.list(config, "receivers")).hasSize(Receiver.values().length).allSatisfy(receiver -> {
            Map<?, ?> webhook = (Map<?, ?>) Yaml.list(receiver, "webhook_configs").get(0);
            assertThat(webhook.get("url")).isEqualTo("http://api:8080/alerts/webhook");
            assertThat(webhook.get("send_resolved")).isEqualTo(true);
            Map<?, ?> authorization = (Map<?, ?>) ((Map<?, ?>) webhook.get("http_config")).get("authorization");
            assertThat(authorization).isEqualTo(Map.of("type", "Bearer", "credentials_file", "/run/spacetime/alert_webhook_token"));
        });
        assertThat(Yaml.list(Yaml.map(config, "route"), "group_by")).contains("alertname", "job", "instance");
    }

    /** The addresses the runbooks link to are where both ways of running the stack publish the services. */
    @Test
    void runbookLinksMatchThePublishedPorts() {
        ComposeSettings compose = ComposeSettings.STANDARD;
        String host = "http://" + compose.publishAddress() + ":";
        assertThat(Settings.DEFAULT_RUNBOOK_BASE_URL).startsWith(host + compose.ports().api() + "/");
        assertThat(Consoles.STANDARD.prometheusUrl()).isEqualTo(host + compose.ports().prometheus());
        assertThat(Consoles.STANDARD.alertmanagerUrl()).isEqualTo(host + compose.ports().alertmanager());
        assertThat(NativeRunnerSettings.STANDARD.defaultPorts()).isEqualTo(compose.ports());
        assertThat(StackSettings.LOOPBACK).isEqualTo(compose.publishAddress());
    }

    @Test
    void nativeRunnerIsExecutable() throws IOException {
        assertThat(Files.getPosixFilePermissions(monitoring().resolve(StackGenerator.RUN_NATIVE)))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    }

    @Test
    void testVariantIsOneCallIntoAGivenDirectory() throws IOException {
        Ports ports = new Ports(18080, 19090, 19093, 19100);
        Path dir = tmp.resolve("e2e");
        List<Path> files = StackGenerator.generate(
                StackSettings.testVariant(ports, "/tmp/token", PromDuration.ofSeconds(1)), dir);
        assertThat(files).containsExactly(dir.resolve("prometheus.yml"), dir.resolve("api-targets.yml"),
                dir.resolve("alertmanager.yml"));
        Rules.write(dir);
        Tool.Result promtool = StackCheck.promtoolCheckConfig(dir.resolve("prometheus.yml"), dir, PrometheusSettings.RULE_FILES);
        assertThat(promtool.ok()).as(promtool.toString()).isTrue();
        Tool.Result amtool = StackCheck.amtoolCheckConfig(dir.resolve("alertmanager.yml"));
        assertThat(amtool.ok()).as(amtool.toString()).isTrue();

        Map<String, Object> prometheus = Yaml.load(dir.resolve("prometheus.yml"));
        assertThat(Yaml.map(prometheus, "global")).containsEntry("scrape_interval", "1s")
                .containsEntry("scrape_timeout", "1s").containsEntry("evaluation_interval", "1s");
        assertThat(prometheus.toString()).contains("127.0.0.1:19090", "127.0.0.1:19093", "127.0.0.1:19100");
        assertThat(apiTargets(dir, prometheus, "api-targets.yml")).containsExactly("127.0.0.1:18080");
        Map<String, Object> alertmanager = Yaml.load(dir.resolve("alertmanager.yml"));
        assertThat(Yaml.map(alertmanager, "route")).containsEntry("group_wait", "1s").containsEntry("group_interval", "1s");
        Map<?, ?> watchdog = (Map<?, ?>) Yaml.list(Yaml.map(alertmanager, "route"), "routes").get(0);
        assertThat(watchdog.get("receiver")).isEqualTo(Receiver.WATCHDOG.receiverName());
        assertThat(List.of(watchdog.get("group_interval"), watchdog.get("repeat_interval"))).containsOnly("1s");
        assertThat(staticTargets(prometheus).get(Jobs.ALERTMANAGER)).isEqualTo(List.of("127.0.0.1:19093"));
        assertThat(alertmanager.toString()).contains("http://127.0.0.1:18080/alerts/webhook", "credentials_file=/tmp/token");
    }
}
