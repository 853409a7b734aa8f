package dev.spacetime.stack;

import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.Component;
import dev.spacetime.catalog.Labels;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import java.util.ArrayList;
import java.util.List;

/** Everything {@code alertmanager.yml} says: grouping, the routing tree, inhibition and the webhook. */
public record AlertmanagerSettings(
        List<String> groupBy,
        PromDuration groupWait,
        PromDuration groupInterval,
        PromDuration repeatInterval,
        PromDuration resolveTimeout,
        List<Route> routes,
        List<InhibitRule> inhibitRules,
        Webhook webhook) {

    public AlertmanagerSettings {
        groupBy = List.copyOf(groupBy);
        routes = List.copyOf(routes);
        inhibitRules = List.copyOf(inhibitRules);
        if (!groupBy.contains(Labels.ALERTNAME)) {
            throw new IllegalArgumentException("group_by must include alertname");
        }
    }

    /**
     * Security first (auth alerts of any severity), then one route per severity; anything else falls to the
     * default receiver. Critical alerts wait less and repeat sooner. Groups and inhibition follow the settings'
     * scope (job, and the cluster label when set): a critical mutes the warning of the same scope and component
     * (the same problem at a lower threshold, e.g. CriticalAuthFailureRate and HighAuthFailureRate); not instance,
     * which aggregated alerts lack.
     */
    public static AlertmanagerSettings standard(Webhook webhook) {
        List<String> scope = Settings.defaults().scope().labelNames();
        List<String> groupBy = new ArrayList<>(List.of(Labels.ALERTNAME));
        groupBy.addAll(scope);
        groupBy.add(Labels.INSTANCE);
        List<String> inhibitEqual = new ArrayList<>(scope);
        inhibitEqual.add(AlertRule.COMPONENT);
        return new AlertmanagerSettings(
                groupBy,
                PromDuration.ofSeconds(30),
                PromDuration.ofMinutes(5),
                PromDuration.ofHours(4),
                PromDuration.ofMinutes(5),
                List.of(
                        new Route(Receiver.SECURITY, List.of(Matcher.of(Component.AUTH)),
                                PromDuration.ofSeconds(10), PromDuration.ofHours(1)),
                        new Route(Receiver.CRITICAL, List.of(Matcher.of(Severity.CRITICAL)),
                                PromDuration.ofSeconds(10), PromDuration.ofHours(1)),
                        new Route(Receiver.WARNING, List.of(Matcher.of(Severity.WARNING)),
                                PromDuration.ofSeconds(30), PromDuration.ofHours(4)),
                        new Route(Receiver.INFO, List.of(Matcher.of(Severity.INFO)),
                                PromDuration.ofMinutes(1), PromDuration.ofHours(24))),
                List.of(InhibitRule.criticalMutesWarning(inhibitEqual.toArray(String[]::new))),
                webhook);
    }

    public Receiver defaultReceiver() {
        return Receiver.DEFAULT;
    }

    public List<Receiver> receivers() {
        return List.of(Receiver.values());
    }

    /** Every wait and interval set to {@code interval}: for tests that must see a notification quickly. */
    public AlertmanagerSettings withTimings(PromDuration interval) {
        List<Route> fast = routes.stream().map(r -> new Route(r.receiver(), r.matchers(), interval, interval)).toList();
        return new AlertmanagerSettings(groupBy, interval, interval, interval, resolveTimeout, fast, inhibitRules, webhook);
    }
}
