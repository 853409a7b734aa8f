package dev.spacetime.stack;

import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.Component;
import dev.spacetime.catalog.Heartbeats;
import dev.spacetime.catalog.Labels;
import dev.spacetime.settings.Heartbeat;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code alertmanager.yml} says: grouping, the routing tree, inhibition, the API's webhook and the
 * optional out-of-band escalation webhook of the pipeline receiver.
 */
public record AlertmanagerSettings(
        List<String> groupBy,
        PromDuration groupWait,
        PromDuration groupInterval,
        PromDuration repeatInterval,
        PromDuration resolveTimeout,
        List<Route> routes,
        List<InhibitRule> inhibitRules,
        Webhook webhook,
        Optional<Escalation> escalation) {

    /** The components of the monitoring pipeline's and the hosts' alerts: routed to {@link Receiver#PIPELINE}. */
    public static final List<Component> PIPELINE_COMPONENTS = List.of(Component.MONITORING, Component.HOST);
    /** The Watchdog's first notification leaves this soon after it starts firing. */
    private static final PromDuration WATCHDOG_GROUP_WAIT = PromDuration.ofSeconds(10);

    public AlertmanagerSettings {
        groupBy = List.copyOf(groupBy);
        routes = List.copyOf(routes);
        inhibitRules = List.copyOf(inhibitRules);
        escalation = escalation == null ? Optional.empty() : escalation;
        if (!groupBy.contains(Labels.ALERTNAME)) {
            throw new IllegalArgumentException("group_by must include alertname");
        }
    }

    /** {@link #standard(Settings, Webhook)} for the default settings, no escalation webhook. */
    public static AlertmanagerSettings standard(Webhook webhook) {
        return standard(Settings.defaults(), webhook);
    }

    /**
     * First the Watchdog on its own route, re-sent every heartbeat interval (the API's dead man's switch); then
     * security (auth alerts of any severity); then the pipeline and host alerts (one route per component, the same
     * receiver), whatever their severity; then one route per severity; anything else falls to the default
     * receiver. Critical alerts wait less and repeat sooner. Groups follow the settings' scope (job, and the
     * cluster label when set). A critical mutes the warning of the same scope and component (the same problem at
     * a lower threshold, e.g. CriticalAuthFailureRate and HighAuthFailureRate); only among the API's own alerts:
     * within the pipeline a critical and a warning are different failures (notifications failing, a failed config
     * reload that may be the cause), and not instance, which aggregated alerts lack.
     */
    public static AlertmanagerSettings standard(Settings settings, Webhook webhook) {
        List<String> scope = settings.scope().labelNames();
        List<String> groupBy = new ArrayList<>(List.of(Labels.ALERTNAME));
        groupBy.addAll(scope);
        groupBy.add(Labels.INSTANCE);
        List<String> inhibitEqual = new ArrayList<>(scope);
        inhibitEqual.add(AlertRule.COMPONENT);
        List<Matcher> apiOnly = settings.scope().labels().entrySet().stream()
                .map(e -> new Matcher(e.getKey(), e.getValue())).toList();
        List<Route> routes = new ArrayList<>(List.of(watchdogRoute(settings.heartbeat()),
                new Route(Receiver.SECURITY, List.of(Matcher.of(Component.AUTH)),
                        PromDuration.ofSeconds(10), PromDuration.ofHours(1))));
        for (Component component : PIPELINE_COMPONENTS) {
            routes.add(new Route(Receiver.PIPELINE, List.of(Matcher.of(component)),
                    PromDuration.ofSeconds(10), PromDuration.ofHours(1)));
        }
        routes.addAll(List.of(
                new Route(Receiver.CRITICAL, List.of(Matcher.of(Severity.CRITICAL)),
                        PromDuration.ofSeconds(10), PromDuration.ofHours(1)),
                new Route(Receiver.WARNING, List.of(Matcher.of(Severity.WARNING)),
                        PromDuration.ofSeconds(30), PromDuration.ofHours(4)),
                new Route(Receiver.INFO, List.of(Matcher.of(Severity.INFO)),
                        PromDuration.ofMinutes(1), PromDuration.ofHours(24))));
        return new AlertmanagerSettings(
                groupBy,
                PromDuration.ofSeconds(30),
                PromDuration.ofMinutes(5),
                PromDuration.ofHours(4),
                PromDuration.ofMinutes(5),
                routes,
                List.of(InhibitRule.criticalMutesWarning(apiOnly, inhibitEqual.toArray(String[]::new))),
                webhook,
                Optional.empty());
    }

    /**
     * The Watchdog never changes, so Alertmanager re-sends it every repeat interval; group_interval the same, since
     * a repeat only leaves at a group_interval tick.
     */
    private static Route watchdogRoute(Heartbeat heartbeat) {
        return new Route(Receiver.WATCHDOG, List.of(new Matcher(Labels.ALERTNAME, Heartbeats.WATCHDOG_ALERT)),
                WATCHDOG_GROUP_WAIT.min(heartbeat.repeatInterval()), heartbeat.repeatInterval(),
                Optional.of(heartbeat.repeatInterval()));
    }

    public Receiver defaultReceiver() {
        return Receiver.DEFAULT;
    }

    public List<Receiver> receivers() {
        return List.of(Receiver.values());
    }

    /** The escalation webhook {@code receiver} posts to besides the API's: the pipeline receiver's, if one is set. */
    public Optional<Escalation> escalation(Receiver receiver) {
        return receiver == Receiver.PIPELINE ? escalation : Optional.empty();
    }

    /** The pipeline receiver also posts to {@code out}. */
    public AlertmanagerSettings withEscalation(Escalation out) {
        return new AlertmanagerSettings(groupBy, groupWait, groupInterval, repeatInterval, resolveTimeout, routes,
                inhibitRules, webhook, Optional.of(out));
    }

    /** The Watchdog's route at {@code heartbeat}'s pace, e.g. seconds for an end-to-end test. */
    public AlertmanagerSettings withHeartbeat(Heartbeat heartbeat) {
        List<Route> paced = routes.stream().map(r -> r.receiver() == Receiver.WATCHDOG ? watchdogRoute(heartbeat) : r)
                .toList();
        return new AlertmanagerSettings(groupBy, groupWait, groupInterval, repeatInterval, resolveTimeout, paced,
                inhibitRules, webhook, escalation);
    }

    /** Every wait and interval set to {@code interval}: for tests that must see a notification quickly. */
    public AlertmanagerSettings withTimings(PromDuration interval) {
        return withTimings(interval, interval, interval);
    }

    /**
     * Every route's {@code group_wait} and {@code repeat_interval}, and the group interval (the root's and any
     * route's own, the Watchdog's), set as given.
     */
    public AlertmanagerSettings withTimings(PromDuration wait, PromDuration interval, PromDuration repeat) {
        List<Route> timed = routes.stream().map(r -> new Route(r.receiver(), r.matchers(), wait, repeat,
                r.groupInterval().map(own -> interval))).toList();
        return new AlertmanagerSettings(groupBy, wait, interval, repeat, resolveTimeout, timed, inhibitRules, webhook,
                escalation);
    }
}
