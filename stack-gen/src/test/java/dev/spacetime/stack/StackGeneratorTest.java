package dev.spacetime.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.Jobs;
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
        assertThat(first).hasSameSizeAs(second).hasSize(6);
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
                Jobs.API, List.of("host.docker.internal:8080"),
                Jobs.PROMETHEUS, List.of("localhost:9090"),
                Jobs.NODE, List.of("node-exporter:9100")));
        assertThat(Yaml.map(config, "alerting").toString()).contains("alertmanager:9093");
    }

    @Test
    void composeRunsFourPinnedServicesWithHealthChecksRestartsAndVolumes() throws IOException {
        Map<String, Object> compose = Yaml.load(monitoring().resolve("docker-compose.yml"));
        Map<String, Object> services = Yaml.map(compose, "services");
        assertThat(services).containsOnlyKeys("prometheus", "grafana", "alertmanager", "node-exporter");
        services.forEach((name, service) -> {
            Map<?, ?> s = (Map<?, ?>) service;
            assertThat((String) s.get("image")).as(name).matches("[a-z/-]+:v?\\d+\\.\\d+\\.\\d+");
            assertThat((String) s.get("container_name")).as(name).startsWith("spacetime_");
            assertThat(s.get("restart")).as(name).isEqualTo("unless-stopped");
            assertThat(Yaml.map(s, "healthcheck").get("test").toString()).as(name).contains("wget", "http://127.0.0.1:");
        });
        assertThat(Yaml.map(compose, "volumes")).containsOnlyKeys("prometheus_data", "alertmanager_data", "grafana_data");
        Map<String, Object> prometheus = Yaml.map(services, "prometheus");
        assertThat(Yaml.list(prometheus, "command")).contains("--storage.tsdb.retention.time=15d");
        assertThat(Yaml.list(prometheus, "extra_hosts")).containsExactly("host.docker.internal:host-gateway");
        assertThat(Yaml.list(Yaml.map(services, "alertmanager"), "extra_hosts")).containsExactly("host.docker.internal:host-gateway");
        Map<String, Object> grafana = Yaml.map(services, "grafana");
        assertThat(Yaml.map(grafana, "environment"))
                .containsEntry("GF_SECURITY_ADMIN_USER", "admin").containsEntry("GF_SECURITY_ADMIN_PASSWORD", "admin");
        assertThat(Yaml.list(grafana, "volumes")).contains(
                "./grafana/datasources:/etc/grafana/provisioning/datasources:ro",
                "./grafana/dashboards:/etc/grafana/provisioning/dashboards:ro");
    }

    @Test
    void composeConfigFailsWithoutTheTokenFileVariable() throws IOException {
        Path compose = monitoring().resolve(StackGenerator.COMPOSE_YML);
        Tool.Result result = Tool.DOCKER_COMPOSE.run(compose.getParent(), "-f", compose.toString(), "config", "-q");
        assertThat(result.ok()).as(result.toString()).isFalse();
        assertThat(result.output()).contains(ComposeSettings.STANDARD.webhookTokenFileVariable());
    }

    @Test
    void webhookTokenIsReferencedByFileNeverInlined() throws IOException {
        Map<String, Object> config = Yaml.load(monitoring().resolve("alertmanager/alertmanager.yml"));
        assertThat(Yaml.list(config, "receivers")).hasSize(Receiver.values().length).allSatisfy(receiver -> {
            Map<?, ?> webhook = (Map<?, ?>) Yaml.list(receiver, "webhook_configs").get(0);
            assertThat(webhook.get("url")).isEqualTo("http://host.docker.internal:8080/alerts/webhook");
            assertThat(webhook.get("send_resolved")).isEqualTo(true);
            Map<?, ?> authorization = (Map<?, ?>) ((Map<?, ?>) webhook.get("http_config")).get("authorization");
            assertThat(authorization).isEqualTo(Map.of("type", "Bearer", "credentials_file", "/run/secrets/alert_webhook_token"));
        });
        assertThat(Yaml.list(Yaml.map(config, "route"), "group_by")).contains("alertname", "job", "instance");
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
