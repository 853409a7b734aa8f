package dev.spacetime.alerts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /** Every alert for these settings: the twelve of the seed, then the SLO burn-rate alerts. */
    public static List<AlertRule> alerts(Settings settings) {
        List<AlertRule> all = new ArrayList<>();
        all.addAll(ApiAlerts.alerts(settings));
        all.addAll(TrafficAlerts.alerts(settings));
        all.addAll(ResourceAlerts.alerts(settings));
        all.addAll(SloAlerts.alerts(settings));
        all.addAll(WorkloadAlerts.alerts(settings));
        return all;
    }

    /** Recording groups and the alerts grouped by {@link AlertGroup}, groups and alerts in a fixed order. */
    public static RuleSet rules(Settings settings) {
        List<AlertRule> alerts = alerts(settings);
        List<RuleGroup> alerting = Arrays.stream(AlertGroup.values())
                .map(g -> alerts.stream().filter(a -> a.group() == g).toList())
                .filter(rules -> !rules.isEmpty())
                .map(rules -> new RuleGroup(rules.get(0).group().ruleGroupName(), rules))
                .toList();
        return new RuleSet(Recordings.groups(settings.slo()), alerting, RecordingTests.all(settings.slo()));
    }

    private AlertCatalog() {
    }
}
