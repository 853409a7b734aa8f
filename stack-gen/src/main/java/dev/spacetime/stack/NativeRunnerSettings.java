package dev.spacetime.stack;

import dev.spacetime.alerts.Consoles;
import dev.spacetime.settings.Settings;
import java.net.URI;
import java.util.List;

/**
 * The native runner script: Debian binaries, default ports (overridable by environment variables at run time),
 * where it finds the generated loopback configs and rule files (relative to the script) and where it keeps its data.
 *
 * @param dataDirUnderHome where configs, the TSDB, Alertmanager's silences and the logs are kept between runs,
 *                         relative to {@code $HOME} (unless {@code SPACETIME_MONITORING_DATA_DIR} or
 *                         {@code --ephemeral} says otherwise)
 * @param apiWebhookTokenUnderHome the webhook token file the API writes by default, relative to {@code $HOME}
 *                         (unless {@code SPACETIME_ALERT_WEBHOOK_TOKEN_FILE} names another, for both)
 * @param adminApi         whether Prometheus' admin API (TSDB snapshots for backups) is on; the runner binds
 *                         everything to loopback, so only local users reach it
 * @param consoles         the UI paths Debian's packages serve, which the runner prints
 */
public record NativeRunnerSettings(
        Ports defaultPorts,
        String prometheusBinary,
        String alertmanagerBinary,
        String nodeExporterBinary,
        Retention retention,
        String configDir,
        String rulesDir,
        List<String> ruleFiles,
        String webhookTokenFile,
        String dataDirUnderHome,
        String apiWebhookTokenUnderHome,
        boolean adminApi,
        Consoles consoles) {

    public NativeRunnerSettings {
        ruleFiles = List.copyOf(ruleFiles);
        for (String underHome : List.of(dataDirUnderHome, apiWebhookTokenUnderHome)) {
            if (underHome.startsWith("/") || underHome.contains("..")) {
                throw new IllegalArgumentException("must be relative to $HOME: " + underHome);
            }
        }
    }

    public static final NativeRunnerSettings STANDARD = new NativeRunnerSettings(
            Ports.DEFAULT,
            "/usr/bin/prometheus",
            "/usr/bin/prometheus-alertmanager",
            "/usr/bin/prometheus-node-exporter",
            Retention.STANDARD,
            "native",
            "prometheus",
            PrometheusSettings.RULE_FILES,
            "alert_webhook_token",
            ".spacetime/monitoring-data",
            ".spacetime/alert_webhook_token",
            true,
            Consoles.STANDARD);

    /** The loopback configs the script copies (with the chosen ports) into its data directory. */
    public StackSettings stack() {
        return StackSettings.nativeLoopback(defaultPorts, webhookTokenFile);
    }

    /** Path of the runbooks the API serves (from the runbook base URL alert-rules-gen links to). */
    public String runbooksPath() {
        return URI.create(Settings.DEFAULT_RUNBOOK_BASE_URL).getPath();
    }
}
