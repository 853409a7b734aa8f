package dev.spacetime.stack;

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
        if (!groupBy.contains(AlertLabels.ALERTNAME)) {
            throw new IllegalArgumentException("group_by must include alertname");
        }
    }

    /**
     * Security first (auth alerts of any severity), then one route per severity; anything else falls to the
     * default receiver. Critical alerts wait less and repeat sooner.
     */
    public static AlertmanagerSettings standard(Webhook webhook) {
        return new AlertmanagerSettings(
                List.of(AlertLabels.ALERTNAME, AlertLabels.JOB, AlertLabels.INSTANCE),
                PromDuration.ofSeconds(30),
                PromDuration.ofMinutes(5),
                PromDuration.ofHours(4),
                PromDuration.ofMinutes(5),
                List.of(
                        new Route(Receiver.SECURITY, List.of(Matcher.component(AlertLabels.AUTH_COMPONENT)),
                                PromDuration.ofSeconds(10), PromDuration.ofHours(1)),
                        new Route(Receiver.CRITICAL, List.of(Severity.CRITICAL.matcher()),
                                PromDuration.ofSeconds(10), PromDuration.ofHours(1)),
                        new Route(Receiver.WARNING, List.of(Severity.WARNING.matcher()),
                                PromDuration.ofSeconds(30), PromDuration.ofHours(4)),
                        new Route(Receiver.INFO, List.of(Severity.INFO.matcher()),
                                PromDuration.ofMinutes(1), PromDuration.ofHours(24))),
                List.of(InhibitRule.criticalMutesWarning(AlertLabels.COMPONENT)),
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
