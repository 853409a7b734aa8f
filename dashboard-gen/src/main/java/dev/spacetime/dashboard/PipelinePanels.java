package dev.spacetime.dashboard;

import static dev.spacetime.dashboard.HostPanels.percent;
import static dev.spacetime.dashboard.HostPanels.plain;
import static dev.spacetime.dashboard.Panels.q;
import static dev.spacetime.dashboard.Queries.by;
import static dev.spacetime.dashboard.Queries.ratio;
import static dev.spacetime.dashboard.Queries.sumRate;
import static dev.spacetime.dashboard.layout.GridLayout.cell;

import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.MetricDef;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.catalog.PromQL;
import dev.spacetime.dashboard.Panels.Query;
import dev.spacetime.dashboard.layout.GridLayout.Section;
import dev.spacetime.dashboard.model.ThresholdSteps;
import dev.spacetime.dashboard.model.Visualization;
import dev.spacetime.settings.Heartbeat;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.StackJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The "Monitoring pipeline" row: whether what watches the API works. Scrapes against their interval, rule
 * evaluations, Prometheus' alerts on their way to Alertmanager, Alertmanager's notifications, and the Watchdog's
 * heartbeat as the API last received it. Prometheus and Alertmanager panels select their stack jobs by name (the
 * {@code job} variable lists the API's jobs); the scrape and heartbeat panels follow the API's variables for the
 * API's own series.
 */
final class PipelinePanels {

    static final String TITLE = "Monitoring pipeline";
    static final String HEARTBEAT_TITLE = "Watchdog heartbeat age";
    static final String NO_HEARTBEAT = "no heartbeat yet";

    private final Settings settings;
    /** The API's variables' matchers (cluster when set, job, instance). */
    private final String[] api;
    private final Scope prometheus;
    private final Scope alertmanager;

    PipelinePanels(Settings settings) {
        this.settings = settings;
        this.api = Queries.scopeFilter(settings.scope());
        this.prometheus = settings.stackScope(settings.stackJobs().prometheus());
        this.alertmanager = settings.stackScope(settings.stackJobs().alertmanager());
    }

    Section section() {
        return Section.of(TITLE,
                cell(12, 8, scrapeDuration()), cell(12, 8, ruleEvaluations()),
                cell(8, 8, notifications()), cell(6, 8, alertsToAlertmanager()), cell(5, 8, alertQueue()),
                cell(5, 8, heartbeatAge()));
    }

    /** PrometheusScrapeSlow's threshold in seconds: its share of the scrape interval. */
    static double slowScrapeSeconds(Settings s) {
        return s.thresholds().scrapeDurationRatio() * s.intervals().scrape().value().toMillis() / 1000.0;
    }

    /**
     * Green while the last heartbeat is younger than two repeat intervals (Alertmanager re-sends at the first group
     * tick after one, so up to two apart), yellow after that (one was missed), red from the window on: the API
     * reports {@code alerting} degraded.
     */
    static ThresholdSteps heartbeatSteps(Heartbeat h) {
        return ThresholdSteps.base("green").then(2 * h.repeatInterval().value().toSeconds(), "yellow")
                .then(h.windowDuration().toSeconds(), "red");
    }

    /** Every target of the stack, the API's through its variables; the red line is PrometheusScrapeSlow's. */
    Visualization scrapeDuration() {
        String legend = "{{job}} {{instance}}";
        StackJobs jobs = settings.stackJobs();
        List<Query> queries = new ArrayList<>();
        queries.add(q(PromQL.select(Metrics.SCRAPE_DURATION.name(), api), legend));
        Stream.of(jobs.prometheus(), jobs.alertmanager(), jobs.node()).forEach(job -> queries.add(q(PromQL.select(
                Metrics.SCRAPE_DURATION.name(), Queries.stackFilter(settings.stackScope(job))), legend)));
        double slow = slowScrapeSeconds(settings);
        return Panels.timeseries("Scrape duration by target", "How long the last scrape of each target took; "
                        + "PrometheusScrapeSlow fires above the line, " + percent(settings.thresholds()
                        .scrapeDurationRatio()) + " of the " + settings.intervals().scrape() + " scrape interval ("
                        + plain(slow) + " s), before the scrape timeout turns slowness into a failed scrape.",
                FieldSpec.unit("s").thresholds(ThresholdSteps.base("green").then(slow, "red")),
                queries.toArray(Query[]::new));
    }

    Visualization ruleEvaluations() {
        return Panels.timeseries("Rule evaluation failures", "Failed rule evaluations and missed rule group "
                        + "iterations (a group slower than its interval) per second, per rule group; either means "
                        + "some alert is not being evaluated.",
                FieldSpec.unit("ops"),
                q(sumRate(by(Labels.RULE_GROUP), Metrics.PROMETHEUS_RULE_EVALUATION_FAILURES.name(), prom()),
                        "{{rule_group}} failed"),
                q(sumRate(by(Labels.RULE_GROUP), Metrics.PROMETHEUS_RULE_GROUP_MISSED.name(), prom()),
                        "{{rule_group}} missed"));
    }

    /**
     * Per integration and receiver, leaving out the integrations that never sent anything (Alertmanager exports a
     * zero counter for every integration it knows).
     */
    Visualization notifications() {
        String[] perReceiver = by(Labels.INTEGRATION, Labels.RECEIVER_NAME);
        return Panels.timeseries("Notifications by receiver", "Notifications Alertmanager attempted and those that"
                        + " failed, per second, by integration (webhook, email...) and receiver. Alertmanager 0.25 "
                        + "(Debian's) labels them by integration only; 0.27 and later add the receiver's name. "
                        + "Integrations that never sent anything are left out.",
                FieldSpec.unit("ops"),
                q(everUsed(sumRate(perReceiver, Metrics.ALERTMANAGER_NOTIFICATIONS.name(), am()), perReceiver),
                        "{{integration}} {{receiver_name}} attempted"),
                q(everUsed(sumRate(perReceiver, Metrics.ALERTMANAGER_NOTIFICATIONS_FAILED.name(), am()), perReceiver),
                        "{{integration}} {{receiver_name}} failed"));
    }

    /** {@code expr} for the integrations (and receivers) that attempted at least one notification. */
    private String everUsed(String expr, String[] perReceiver) {
        return expr + " and " + PromQL.sumBy(PromQL.select(Metrics.ALERTMANAGER_NOTIFICATIONS.name(), am()),
                perReceiver) + " > 0";
    }

    Visualization alertsToAlertmanager() {
        return Panels.timeseries("Alerts sent to Alertmanager", "Alerts each Prometheus sent to its Alertmanagers "
                        + "per second, the sends that failed, and the alerts it dropped (errors or a full queue): "
                        + "dropped alerts never reach anyone.",
                FieldSpec.unit("ops"),
                q(perPrometheus(Metrics.PROMETHEUS_NOTIFICATIONS_SENT), "{{instance}} sent"),
                q(perPrometheus(Metrics.PROMETHEUS_NOTIFICATIONS_ERRORS), "{{instance}} errors"),
                q(perPrometheus(Metrics.PROMETHEUS_NOTIFICATIONS_DROPPED), "{{instance}} dropped"));
    }

    private String perPrometheus(MetricDef counter) {
        return sumRate(by(Labels.INSTANCE), counter.name(), prom());
    }

    Visualization alertQueue() {
        double full = settings.thresholds().notificationQueueRatio();
        return Panels.stat("Alert queue", "How full each Prometheus' queue of alerts for Alertmanager is; "
                        + "PrometheusNotificationQueueFilling fires from " + percent(full) + ", at 100 % alerts are "
                        + "dropped.",
                FieldSpec.unit("percentunit").thresholds(ThresholdSteps.base("green").then(full, "red"))
                        .decimals(1),
                q(ratio(PromQL.select(Metrics.PROMETHEUS_NOTIFICATIONS_QUEUE_LENGTH.name(), prom()),
                        PromQL.select(Metrics.PROMETHEUS_NOTIFICATIONS_QUEUE_CAPACITY.name(), prom())),
                        "{{instance}}"));
    }

    /** The API's gauge is 0 until the first heartbeat ever: left out, so the panel says so instead of 56 years. */
    Visualization heartbeatAge() {
        Heartbeat h = settings.heartbeat();
        return Panels.stat(HEARTBEAT_TITLE, "Seconds since the always-firing Watchdog alert last reached each API "
                        + "instance through Alertmanager (every " + h.repeatInterval() + "); from " + h.window()
                        + " on the API reports its alerting subsystem degraded: alerts may reach no one.",
                FieldSpec.unit("s").thresholds(heartbeatSteps(h)).decimals(0).noValue(NO_HEARTBEAT),
                q("time() - (" + PromQL.select(Metrics.ALERT_HEARTBEAT.name(), api) + " > 0)", "{{instance}}"));
    }

    private String[] prom() {
        return Queries.stackFilter(prometheus);
    }

    private String[] am() {
        return Queries.stackFilter(alertmanager);
    }
}
