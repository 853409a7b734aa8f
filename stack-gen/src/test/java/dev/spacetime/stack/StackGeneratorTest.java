package dev.spacetime.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.alerts.Consoles;
import dev.spacetime.catalog.Jobs;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;
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
        assertThat(first).hasSameSizeAs(second).hasSize(9);
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
    void prometheusScrapesTheApiItselfAndNodeExporterAndAlertsToAlertmanager() throws IOException {
        Map<String, Object> config = Yaml.load(monitoring().resolve("prometheus/prometheus.yml"));
        assertThat(Yaml.map(config, "global")).containsEntry("scrape_interval", "15s").containsEntry("evaluation_interval", "15s");
        assertThat(Yaml.list(config, "rule_files")).containsExactly("prometheus_alerts.yml", "recording_rules.yml");
        Map<Object, Object> targets = Yaml.list(config, "scrape_configs").stream().collect(Collectors.toMap(
                job -> ((Map<?, ?>) job).get("job_name"),
                job -> ((Map<?, ?>) Yaml.list(job, "static_configs").get(0)).get("targets")));
        assertThat(targets).containsExactlyInAnyOrderEntriesOf(Map.of(
                Jobs.API, List.of("api:8080"),
                Jobs.PROMETHEUS, List.of("localhost:9090"),
                Jobs.NODE, List.of("node-exporter:9100")));
        assertThat(Yaml.map(config, "alerting").toString()).contains("alertmanager:9093");

        Map<String, Object> hostApi = Yaml.load(monitoring().resolve("prometheus/prometheus-host-api.yml"));
        assertThat(hostApi.toString()).contains("host.docker.internal:8080").doesNotContain("api:8080");
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
                "--storage.tsdb.retention.time=15d", "--storage.tsdb.retention.size=10GB");
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
        assertThat(files).containsExactly(dir.resolve("prometheus.yml"), dir.resolve("alertmanager.yml"));
        Rules.write(dir);
        Tool.Result promtool = StackCheck.promtoolCheckConfig(dir.resolve("prometheus.yml"), dir, PrometheusSettings.RULE_FILES);
        assertThat(promtool.ok()).as(promtool.toString()).isTrue();
        Tool.Result amtool = StackCheck.amtoolCheckConfig(dir.resolve("alertmanager.yml"));
        assertThat(amtool.ok()).as(amtool.toString()).isTrue();

        Map<String, Object> prometheus = Yaml.load(dir.resolve("prometheus.yml"));
        assertThat(Yaml.map(prometheus, "global")).containsEntry("scrape_interval", "1s")
                .containsEntry("scrape_timeout", "1s").containsEntry("evaluation_interval", "1s");
        assertThat(prometheus.toString()).contains("127.0.0.1:18080", "127.0.0.1:19090", "127.0.0.1:19093", "127.0.0.1:19100");
        Map<String, Object> alertmanager = Yaml.load(dir.resolve("alertmanager.yml"));
        assertThat(Yaml.map(alertmanager, "route")).containsEntry("group_wait", "1s").containsEntry("group_interval", "1s");
        assertThat(alertmanager.toString()).contains("http://127.0.0.1:18080/alerts/webhook", "credentials_file=/tmp/token");
    }
}
