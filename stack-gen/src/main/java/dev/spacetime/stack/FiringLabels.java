package dev.spacetime.stack;

import dev.spacetime.alerts.AlertCatalog;
import dev.spacetime.alerts.Settings;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.AlertTest;
import dev.spacetime.catalog.Labels;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The labels of firing alerts, read from alert-rules-gen's typed test cases: what each expression yields in its
 * firing case, plus the rule's own labels and {@code alertname}. Aggregations decide what survives ({@code sum by
 * (job)} drops {@code instance}), so only the intersection over every alert is safe to rely on.
 */
public final class FiringLabels {

    /** Labels every alert of the standard catalog carries when it fires. */
    public static final Set<String> ON_EVERY_ALERT = onEveryAlert(AlertCatalog.alerts(Settings.defaults()));

    private FiringLabels() {
    }

    /** The labels of one alert as its firing test case {@code expected} shows them. */
    public static Map<String, String> of(AlertRule alert, AlertTest.Expected expected) {
        Map<String, String> labels = new TreeMap<>(expected.labels());
        labels.putAll(alert.labels());
        labels.put(Labels.ALERTNAME, alert.name());
        return labels;
    }

    /** Every firing case's labels, alert by alert. */
    public static List<Map<String, String>> all(List<AlertRule> alerts) {
        return alerts.stream().flatMap(alert -> alert.tests().stream()
                .filter(t -> t.kind() == AlertTest.Kind.FIRES)
                .flatMap(t -> t.expected().stream())
                .map(expected -> of(alert, expected))).toList();
    }

    /** The labels present in every firing case of every alert. */
    public static Set<String> onEveryAlert(List<AlertRule> alerts) {
        List<Map<String, String>> firing = all(alerts);
        if (firing.isEmpty()) {
            throw new IllegalArgumentException("no firing test cases: nothing is known about alert labels");
        }
        Set<String> common = new HashSet<>(firing.get(0).keySet());
        firing.forEach(labels -> common.retainAll(labels.keySet()));
        return Set.copyOf(common);
    }
}
