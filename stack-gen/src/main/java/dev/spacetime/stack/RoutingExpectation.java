package dev.spacetime.stack;

import dev.spacetime.alerts.AlertCatalog;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.Component;
import dev.spacetime.catalog.Heartbeats;
import dev.spacetime.catalog.Jobs;
import dev.spacetime.catalog.Labels;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** An alert's labels and the receiver the routing tree must pick for it, checked with {@code amtool}. */
public record RoutingExpectation(SortedMap<String, String> labels, Receiver expected) {

    public RoutingExpectation {
        labels = new TreeMap<>(labels);
    }

    public static RoutingExpectation of(Map<String, String> labels, Receiver expected) {
        return new RoutingExpectation(new TreeMap<>(labels), expected);
    }

    /** {@code label=value} arguments as {@code amtool config routes test} takes them. */
    public List<String> amtoolArguments() {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /**
     * The receiver an alert must reach, stated independently of the routing tree: the Watchdog its own (the API's
     * heartbeat), authentication alerts security whatever their severity, the pipeline's and the hosts' alerts the
     * pipeline receiver whatever their severity, every other alert its severity's receiver (none: the default).
     */
    public static Receiver receiverFor(AlertRule alert) {
        if (alert.name().equals(Heartbeats.WATCHDOG_ALERT)) {
            return Receiver.WATCHDOG;
        }
        if (alert.component() == Component.AUTH) {
            return Receiver.SECURITY;
        }
        if (AlertmanagerSettings.PIPELINE_COMPONENTS.contains(alert.component())) {
            return Receiver.PIPELINE;
        }
        return switch (alert.severity()) {
            case CRITICAL -> Receiver.CRITICAL;
            case WARNING -> Receiver.WARNING;
            case INFO -> Receiver.INFO;
            case NONE -> Receiver.DEFAULT;
        };
    }

    /** Every alert of {@code alerts}, with the labels it carries whenever it fires. */
    public static List<RoutingExpectation> forAlerts(List<AlertRule> alerts) {
        return alerts.stream().map(alert -> of(AlertCatalog.firingLabels(alert), receiverFor(alert))).toList();
    }

    /**
     * What {@link AlertmanagerSettings#standard} must do: every alert of the real catalog, plus label sets the
     * catalog may lack (an info alert, an unknown severity, no labels at all) and a sample of each kind of the
     * stack's own alerts as they fire (the Watchdog, a critical and a warning of the pipeline, a host alert; a
     * severity-none alert that is not the Watchdog).
     */
    public static List<RoutingExpectation> standard() {
        List<RoutingExpectation> all = new ArrayList<>(forAlerts(AlertCatalog.alerts(Settings.defaults())));
        all.add(of(Map.of(Labels.ALERTNAME, "SomeInfo", AlertRule.SEVERITY, Severity.INFO.label(),
                AlertRule.COMPONENT, Component.HEALTH.label(), Labels.JOB, Jobs.API), Receiver.INFO));
        all.add(of(Map.of(Labels.ALERTNAME, "Unlabelled"), Receiver.DEFAULT));
        all.add(of(Map.of(Labels.ALERTNAME, "OddSeverity", AlertRule.SEVERITY, "page",
                AlertRule.COMPONENT, Component.AVAILABILITY.label()), Receiver.DEFAULT));
        String monitoring = Component.MONITORING.label();
        String host = Component.HOST.label();
        all.add(of(Map.of(Labels.ALERTNAME, Heartbeats.WATCHDOG_ALERT, AlertRule.SEVERITY, Severity.NONE.label(),
                AlertRule.COMPONENT, monitoring, Labels.JOB, Jobs.PROMETHEUS), Receiver.WATCHDOG));
        all.add(of(Map.of(Labels.ALERTNAME, "AlertmanagerNotificationsFailing",
                AlertRule.SEVERITY, Severity.CRITICAL.label(), AlertRule.COMPONENT, monitoring,
                Labels.JOB, Jobs.ALERTMANAGER, Labels.INSTANCE, "alertmanager:9093", Labels.INTEGRATION, "webhook"),
                Receiver.PIPELINE));
        all.add(of(Map.of(Labels.ALERTNAME, "PrometheusRuleEvaluationFailures",
                AlertRule.SEVERITY, Severity.WARNING.label(), AlertRule.COMPONENT, monitoring,
                Labels.JOB, Jobs.PROMETHEUS, Labels.RULE_GROUP, "spacetime_api_alerts"), Receiver.PIPELINE));
        all.add(of(Map.of(Labels.ALERTNAME, "HostFilesystemAlmostFull", AlertRule.SEVERITY, Severity.WARNING.label(),
                AlertRule.COMPONENT, host, Labels.JOB, Jobs.NODE, Labels.MOUNTPOINT, "/"), Receiver.PIPELINE));
        all.add(of(Map.of(Labels.ALERTNAME, "SomethingSilent", AlertRule.SEVERITY, Severity.NONE.label(),
                AlertRule.COMPONENT, Component.HEALTH.label(), Labels.JOB, Jobs.API), Receiver.DEFAULT));
        return all;
    }
}
