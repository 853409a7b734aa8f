package dev.spacetime.stack;

import java.util.List;

/**
 * The native runner script: Debian binaries, default ports (overridable by environment variables at run time)
 * and where it finds the generated loopback configs and rule files, relative to the script.
 */
public record NativeRunnerSettings(
        Ports defaultPorts,
        String prometheusBinary,
        String alertmanagerBinary,
        String nodeExporterBinary,
        PromDuration retention,
        String configDir,
        String rulesDir,
        List<String> ruleFiles,
        String webhookTokenFile) {

    public NativeRunnerSettings {
        ruleFiles = List.copyOf(ruleFiles);
    }

    public static final NativeRunnerSettings STANDARD = new NativeRunnerSettings(
            Ports.DEFAULT,
            "/usr/bin/prometheus",
            "/usr/bin/prometheus-alertmanager",
            "/usr/bin/prometheus-node-exporter",
            PromDuration.ofDays(15),
            "native",
            "prometheus",
            PrometheusSettings.RULE_FILES,
            "alert_webhook_token");

    /** The loopback configs the script copies (with the chosen ports) into its data directory. */
    public StackSettings stack() {
        return StackSettings.nativeLoopback(defaultPorts, webhookTokenFile);
    }
}
