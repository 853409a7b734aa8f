package dev.spacetime.alerts;

import dev.spacetime.alerts.model.AlertGroup;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.RecordingTest;
import dev.spacetime.alerts.model.RuleGroup;
import dev.spacetime.catalog.Labels;
import dev.spacetime.settings.ForDurations;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every rule of the SpaceTime API, built from {@link Settings}. {@code rules(Settings.defaults())} is what
 * {@code monitoring/prometheus/} holds; a test stack that needs alerts to fire quickly builds
 * {@code rules(Settings.defaults().withForDurations(ForDurations.all(Duration.ofSeconds(30))))}.
 */
public final class AlertCatalog {

    /**
     * The two rule files' contents and the recording rules' own tests (the alerts carry theirs).
     *
     * @param recording      groups of {@code recording_rules.yml}
     * @param alerting       groups of {@code prometheus_alerts.yml}
     * @param recordingTests promtool checks of recorded values
     */
    public record RuleSet(List<RuleGroup> recording, List<RuleGroup> alerting, List<RecordingTest> recordingTests) {
        public RuleSet {
            recording = List.copyOf(recording);
            alerting = List.copyOf(alerting);
            recordingTests = List.copyOf(recordingTests);
        }

        /** Every alert, in file order. */
        public List<AlertRule> alerts() {
            return alerting.stream().flatMap(g -> g.rules().stream()).map(AlertRule.class::cast).toList();
        }
    }

    /**
     * Every alert for these settings: the twelve of the seed and the fleet's, the SLO burn-rate alerts, and those
     * of the stack watching itself and its hosts.
     */
    public static List<AlertRule> alerts(Settings settings) {
        List<AlertRule> all = new ArrayList<>();
        all.addAll(ApiAlerts.alerts(settings));
        all.addAll(TrafficAlerts.alerts(settings));
        all.addAll(ResourceAlerts.alerts(settings));
        all.addAll(SloAlerts.alerts(settings));
        all.addAll(WorkloadAlerts.alerts(settings));
        all.addAll(PipelineAlerts.alerts(settings));
        all.addAll(HostAlerts.alerts(settings));
        return all;
    }

    /**
     * The labels {@code alert} carries when it fires for its first (for most alerts, its only) scope:
     * {@code alertname}, the rule's labels and the scope's labels, which every result of every rule expression
     * keeps ({@link Scope#select} and aggregations by {@link Scope#by}). Every firing and pending test case shows
     * them (RuleDefinitionsTest), and promtool proves those cases against the real rules. Its expression may add
     * more (e.g. {@code instance}, {@code endpoint}).
     */
    public static Map<String, String> firingLabels(AlertRule alert) {
        return firingLabels(alert.scopes().get(0), alert);
    }

    /**
     * The label names every alert of {@code alerts} carries when it fires, whichever scope it fires for: the only
     * labels an Alertmanager inhibit rule may require equal (a label missing on both sides counts as equal there).
     */
    public static Set<String> labelsOnEveryAlert(List<AlertRule> alerts) {
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("no alerts: nothing is known about alert labels");
        }
        Set<String> common = new HashSet<>(firingLabels(alerts.get(0)).keySet());
        alerts.forEach(alert -> alert.scopes().forEach(scope -> common.retainAll(firingLabels(scope, alert).keySet())));
        return Set.copyOf(common);
    }

    private static Map<String, String> firingLabels(Scope scope, AlertRule alert) {
        Map<String, String> labels = new TreeMap<>(scope.labels());
        labels.putAll(alert.labels());
        labels.put(Labels.ALERTNAME, alert.name());
        return labels;
    }

    /** Recording groups and the alerts grouped by {@link AlertGroup}, groups and alerts in a fixed order. */
    public static RuleSet rules(Settings settings) {
        List<AlertRule> alerts = alerts(settings);
        List<RuleGroup> alerting = Arrays.stream(AlertGroup.values())
                .map(g -> alerts.stream().filter(a -> a.group() == g).toList())
                .filter(rules -> !rules.isEmpty())
                .map(rules -> new RuleGroup(rules.get(0).group().ruleGroupName(), rules))
                .toList();
        return new RuleSet(Recordings.groups(settings), alerting, RecordingTests.all(settings));
    }

    private AlertCatalog() {
    }
}
