package dev.spacetime.alerts;

/**
 * Where alert-rules-gen writes under {@code monitoring/}: public so a Prometheus configuration (stack-gen's
 * {@code prometheus.yml}) names the same rule files, and tools find the tests and runbooks.
 */
public final class RuleFileLayout {

    /** The rule files and their tests folder, under the monitoring folder. */
    public static final String PROMETHEUS_DIR = "prometheus";
    /** Alerting rules, in {@link #PROMETHEUS_DIR}: what prometheus.yml lists in {@code rule_files}. */
    public static final String ALERTS_FILE = "prometheus_alerts.yml";
    /** Recording rules, beside the alerts. */
    public static final String RECORDING_FILE = "recording_rules.yml";
    /** promtool unit tests, one file per alert, in this folder beside the rule files. */
    public static final String TESTS_DIR = "tests";
    /** The recording rules' promtool tests, in the tests folder (alert test files are named after alerts). */
    public static final String RECORDING_TESTS_FILE = "recording_rules.yml";
    /** Runbook pages, {@code <AlertName>.md}, under the monitoring folder. */
    public static final String RUNBOOKS_DIR = "runbooks";

    private RuleFileLayout() {
    }
}
