package dev.spacetime.alerts;

import static dev.spacetime.alerts.model.Template.label;
import static dev.spacetime.alerts.promql.Expr.gt;
import static dev.spacetime.alerts.promql.Expr.num;
import static dev.spacetime.alerts.scenario.Scenario.GAUGE_ACTIVE;
import static dev.spacetime.alerts.scenario.Scenario.RATIO_ACTIVE;
import static dev.spacetime.alerts.scenario.Scenario.expect;
import static dev.spacetime.alerts.scenario.Scenario.firing;
import static dev.spacetime.alerts.scenario.Scenario.labels;
import static dev.spacetime.alerts.scenario.Scenario.pending;
import static dev.spacetime.catalog.PromQL.eq;
import static dev.spacetime.catalog.PromQL.increase;
import static dev.spacetime.catalog.PromQL.rate;
import static dev.spacetime.catalog.PromQL.re;
import static dev.spacetime.catalog.PromQL.select;
import static dev.spacetime.catalog.PromQL.sumBy;
import static dev.spacetime.settings.PromDuration.duration;

import dev.spacetime.alerts.model.AlertGroup;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.AlertTest;
import dev.spacetime.alerts.model.AlertTest.Kind;
import dev.spacetime.alerts.model.Component;
import dev.spacetime.alerts.model.Humanize;
import dev.spacetime.alerts.model.Runbook.Query;
import dev.spacetime.alerts.model.Runbook;
import dev.spacetime.alerts.scenario.Scenario;
import dev.spacetime.alerts.scenario.TestTargets;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.MetricDef;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.settings.ForDurations;
import dev.spacetime.settings.Heartbeat;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import dev.spacetime.settings.StackJobs;
import dev.spacetime.settings.Thresholds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The monitoring pipeline watching itself (kube-prometheus' prometheus- and alertmanager-mixin): the always-firing
 * Watchdog the API checks, and alerts for scrapes, rule evaluation and the way from Prometheus through Alertmanager
 * to the receivers. Each selects one of the stack's own jobs ({@link Settings#stackScope}).
 */
final class PipelineAlerts {

    /** Instance labels of the test data: a single Prometheus/Alertmanager, or the HA pairs. */
    static final String PROMETHEUS = "prometheus:9090";
    static final String PROMETHEUS_2 = "prometheus-2:9090";
    static final String ALERTMANAGER = "alertmanager:9093";
    static final String ALERTMANAGER_2 = "alertmanager-2:9093";

    /** Prometheus' pages with the rule groups' last evaluation and error, and with reloads and Alertmanagers. */
    private static final String RULES_PAGE = "/rules";
    private static final String STATUS_PAGE = "/status";

    /** The integration the stack's receivers use. */
    private static final String WEBHOOK = "webhook";
    /** A rule group as Prometheus labels its metrics: rule file and group name. */
    private static final String RULE_GROUP = "/etc/prometheus/prometheus_alerts.yml;spacetime_api.availability";
    private static final String OTHER_RULE_GROUP = "/etc/prometheus/recording_rules.yml;spacetime_api.http";

    private final Settings settings;
    private final Scope api;
    private final Scope prometheus;
    private final Scope alertmanager;
    private final Scope node;
    private final TestTargets apiTargets;
    private final TestTargets prom;
    private final TestTargets am;
    private final String window = duration(Recordings.RATE_WINDOW);

    private PipelineAlerts(Settings settings) {
        this.settings = settings;
        StackJobs jobs = settings.stackJobs();
        this.api = settings.scope();
        this.prometheus = settings.stackScope(jobs.prometheus());
        this.alertmanager = settings.stackScope(jobs.alertmanager());
        this.node = settings.stackScope(jobs.node());
        this.apiTargets = TestTargets.of(settings);
        this.prom = apiTargets.of(prometheus, PROMETHEUS);
        this.am = apiTargets.of(alertmanager, ALERTMANAGER);
    }

    static List<AlertRule> alerts(Settings settings) {
        return new PipelineAlerts(settings).all();
    }

    private List<AlertRule> all() {
        ForDurations f = settings.forDurations();
        return List.of(watchdog(settings.heartbeat()), alertmanagerDown(f.alertmanagerDown()),
                notificationsFailing(settings.thresholds().notificationFailureRatio(), f.notificationsFailing()),
                alertmanagerConfigReloadFailed(f.configReloadFailed()),
                clusterMembersMissing(f.clusterMembersMissing()),
                notConnected(f.alertmanagersNotConnected()), alertsDropped(f.alertsDropped()),
                queueFilling(settings.thresholds().notificationQueueRatio(), f.notificationQueue()),
                ruleEvaluationFailures(f.ruleEvaluationFailures()), missedEvaluations(f.missedEvaluations()),
                prometheusConfigReloadFailed(f.configReloadFailed()),
                scrapeSlow(settings.thresholds(), f.scrapeSlow()));
    }

    private AlertRule.Builder alert(String name, Severity severity, Scope... scopes) {
        return AlertRule.builder(name).group(AlertGroup.MONITORING).severity(severity).component(Component.MONITORING)
                .scope(scopes);
    }

    /**
     * Always firing, with the Prometheus scope's labels so it carries job (and cluster) like every alert: as long as
     * Prometheus evaluates rules and reaches Alertmanager, and Alertmanager reaches the API's webhook, the API hears
     * it every {@code repeatInterval}.
     */
    private AlertRule watchdog(Heartbeat heartbeat) {
        String expr = "vector(1)";
        for (var l : prometheus.labels().entrySet()) {
            expr = "label_replace(" + expr + ", \"" + l.getKey() + "\", \"" + l.getValue() + "\", \"\", \"\")";
        }
        Duration at = Scenario.EVALUATION;
        String heartbeatAge = "time() - (" + api.select(Metrics.ALERT_HEARTBEAT.name()) + " > 0)";
        return alert("Watchdog", Severity.NONE, prometheus)
                .forDuration(Duration.ZERO)
                .expr(expr)
                .summary("Dead man's switch: always firing while alerts can flow.")
                .description("Always firing on purpose: Alertmanager delivers it to the API's webhook every "
                        + heartbeat.repeatInterval() + " on its own route; the API's /health alerting subsystem "
                        + "turns degraded when it stops arriving for " + heartbeat.window() + ", i.e. when alerts may "
                        + "not reach anyone.")
                .runbook(new Runbook(
                        "Not a problem: this alert fires all the time on purpose. Its arrival at the API proves the "
                                + "whole path works: Prometheus evaluates rules, reaches Alertmanager, and Alertmanager "
                                + "delivers to the webhook. The API records each delivery as a heartbeat "
                                + "(" + Metrics.ALERT_HEARTBEAT.name() + "); when none came for " + heartbeat.window()
                                + ", /health reports the alerting subsystem degraded. Act on that, not on this alert.",
                        List.of(new Query("the Watchdog in Prometheus", select(Metrics.ALERTS.name(),
                                        eq(Labels.ALERTNAME, "Watchdog"))),
                                new Query("seconds since the API's last heartbeat", heartbeatAge),
                                new Query("Alertmanagers each Prometheus sends to",
                                        prometheus.select(Metrics.PROMETHEUS_ALERTMANAGERS_DISCOVERED.name())),
                                new Query("failed deliveries per Alertmanager and integration", sumBy(
                                        rate(alertmanager.select(Metrics.ALERTMANAGER_NOTIFICATIONS_FAILED.name()),
                                                window), alertmanager.by(Labels.INSTANCE, Labels.INTEGRATION)))),
                        List.of("When /health's alerting subsystem is degraded: Prometheus stopped evaluating rules "
                                        + "(crashed, rule file broken), lost its Alertmanagers, Alertmanager is down, or "
                                        + "its deliveries to the API fail (e.g. the webhook token was revoked or "
                                        + "rotated without updating Alertmanager's configuration).",
                                "The Watchdog was silenced or inhibited in Alertmanager: then the API hears nothing "
                                        + "although the pipeline works."),
                        List.of("Never silence or inhibit this alert.",
                                "Follow the path: is the Watchdog firing in Prometheus (its alerts page)? Does "
                                        + "Alertmanager have it (`"
                                        + Consoles.STANDARD.amtool("alert query alertname=Watchdog") + "`)? Do its "
                                        + "deliveries fail (AlertmanagerNotificationsFailing, the query above)? Is the "
                                        + "API's webhook token the one in alertmanager.yml?",
                                "The alerts PrometheusNotConnectedToAlertmanagers, AlertmanagerDown and "
                                        + "AlertmanagerNotificationsFailing name the broken link when they still "
                                        + "reach someone.")))
                .tests(List.of(
                        prom.scenario("no series at all: the Watchdog needs none", at).fires(at, expect(prom.job(), 1)),
                        prom.scenario("every target down", at).gauge(Metrics.UP.name(), 0)
                                .fires(at, expect(prom.job(), 1))))
                .build();
    }

    private AlertRule alertmanagerDown(Duration forDuration) {
        String up = alertmanager.select(Metrics.UP.name());
        return alert("AlertmanagerDown", Severity.CRITICAL, alertmanager)
                .forDuration(forDuration)
                .expr(up + " == 0")
                .summary("An Alertmanager cannot be scraped.")
                .description("Prometheus has had no successful scrape of Alertmanager ", label(Labels.INSTANCE),
                        " for " + duration(forDuration) + ": it is down or unreachable, so alerts sent to it may "
                                + "not reach anyone (with a clustered pair, its peer still delivers).")
                .runbook(new Runbook(
                        "An Alertmanager does not answer Prometheus' scrapes. Prometheus sends its alerts to the same "
                                + "address, so they most likely do not get through either; a lone Alertmanager down "
                                + "means no notification at all, and the API's alerting health turns degraded.",
                        List.of(new Query("scrape health of every Alertmanager", up),
                                new Query("Alertmanagers each Prometheus sends to",
                                        prometheus.select(Metrics.PROMETHEUS_ALERTMANAGERS_DISCOVERED.name())),
                                new Query("errors sending alerts per Alertmanager", sumBy(rate(prometheus.select(
                                        Metrics.PROMETHEUS_NOTIFICATIONS_ERRORS.name()), window),
                                        prometheus.by(Labels.INSTANCE, "alertmanager")))),
                        List.of("The Alertmanager process stopped or crashed (a broken alertmanager.yml stops it "
                                        + "from starting).",
                                "It listens on another address than prometheus.yml scrapes and alerts to.",
                                "Its data directory (silences, notification log) is not writable or the disk is full."),
                        List.of("Start it again and read its log (`journalctl -u prometheus-alertmanager` for "
                                        + "Debian's package, `docker compose logs alertmanager` for compose).",
                                "Check the configuration: `amtool check-config alertmanager.yml`.",
                                "`" + Consoles.STANDARD.amtool("cluster show") + "` tells whether it answers and "
                                        + "which peers it sees.")))
                .tests(targetDownCases(am, "Alertmanager", ALERTMANAGER_2, forDuration))
                .build();
    }

    /** Cases of an {@code up == 0} alert on a stack target: one down, one of two down, two up. */
    static List<AlertTest> targetDownCases(TestTargets test, String what, String second, Duration forDuration) {
        Duration at = firing(GAUGE_ACTIVE, forDuration, Duration.ZERO);
        UnaryOperator<Scenario> down = s -> s.gauge(Metrics.UP.name(), 0);
        UnaryOperator<Scenario> upAgain = s -> s.gauge(Metrics.UP.name(), 1);
        return Scenario.cases(forDuration,
                () -> down.apply(test.scenario("scrapes have failed for less than " + duration(forDuration), at))
                        .beforeFor(pending(GAUGE_ACTIVE), expect(test.target(), 0)),
                down.apply(test.scenario("scrapes of " + what + " fail", at)).fires(at, expect(test.target(), 0)),
                pair(test.scenario("two instances, the second's " + what + " down", at), second, upAgain, down)
                        .fires(at, expect(test.target(second), 0)),
                pair(test.scenario("two instances, both up", at), second, upAgain, upAgain)
                        .silent(Kind.BELOW_THRESHOLD, at));
    }

    private AlertRule notificationsFailing(double ratio, Duration forDuration) {
        String[] by = alertmanager.by(Labels.INSTANCE, Labels.INTEGRATION);
        String failed = sumBy(rate(alertmanager.select(Metrics.ALERTMANAGER_NOTIFICATIONS_FAILED.name()), window), by);
        String attempted = sumBy(rate(alertmanager.select(Metrics.ALERTMANAGER_NOTIFICATIONS.name()), window), by);
        Duration at = firing(RATIO_ACTIVE, forDuration, Recordings.RATE_WINDOW);
        var failing = labels(am.target(), Labels.INTEGRATION, WEBHOOK);
        return alert("AlertmanagerNotificationsFailing", Severity.CRITICAL, alertmanager)
                .forDuration(forDuration)
                // Summed by integration on both sides: Alertmanager 0.27+ adds receiver_name, 0.28+ a reason label
                // on the failures only, Debian's 0.25 neither.
                .expr(gt(failed + "\n/\n" + attempted, ratio))
                .summary("An Alertmanager fails to deliver notifications.")
                .description("Alertmanager ", label(Labels.INSTANCE), " failed ", Humanize.PERCENTAGE, " of its ",
                        label(Labels.INTEGRATION), " notifications over the last " + window + " (threshold "
                                + num(ratio * 100) + " %, for " + duration(forDuration) + "): alerts may not reach "
                                + "anyone.")
                .runbook(new Runbook(
                        "Alertmanager receives alerts but cannot hand them to a receiver: the webhook (the API's "
                                + "/alerts/webhook, an escalation URL) answers with an error or not at all. Alerts "
                                + "routed there reach no one until it is fixed; Alertmanager retries until each "
                                + "notification's deadline, then gives up.",
                        List.of(new Query("share of failed notifications per instance and integration",
                                        failed + "\n/\n" + attempted),
                                new Query("failed notifications per second, by every label (newer Alertmanagers "
                                        + "name the receiver)", rate(alertmanager.select(
                                        Metrics.ALERTMANAGER_NOTIFICATIONS_FAILED.name()), window)),
                                new Query("seconds since the API's last Watchdog heartbeat",
                                        "time() - (" + api.select(Metrics.ALERT_HEARTBEAT.name()) + " > 0)")),
                        List.of("The API refuses the webhook's bearer token (401): it was revoked or rotated and "
                                        + "alertmanager.yml still sends the old one.",
                                "The API is down or unreachable from Alertmanager (HTTPAPIDown tells).",
                                "An escalation webhook URL is wrong or its service is down."),
                        List.of("Read Alertmanager's log for the failing receiver and the HTTP status it got "
                                        + "(`journalctl -u prometheus-alertmanager`, `docker compose logs alertmanager`).",
                                "For a 401, put the API's current webhook token into alertmanager.yml and reload "
                                        + "Alertmanager (`kill -HUP`, or POST /-/reload).",
                                "Check what is pending meanwhile: `" + Consoles.STANDARD.amtool("alert query")
                                        + "`; once deliveries work, Alertmanager re-sends at the next repeat.")))
                .tests(Scenario.cases(forDuration,
                        () -> notifications(am.scenario("every webhook notification failing for less than "
                                + duration(forDuration), at), 0.2, 0.2).beforeFor(pending(RATIO_ACTIVE),
                                expect(failing, 1)),
                        notifications(am.scenario("every webhook notification fails", at), 0.2, 0.2)
                                .fires(at, expect(failing, 1)),
                        pair(am.scenario("two Alertmanagers, the second's webhook deliveries all fail", at),
                                ALERTMANAGER_2, s -> notifications(s, 0.2, 0), s -> notifications(s, 0.2, 0.2))
                                .fires(at, expect(labels(am.target(ALERTMANAGER_2), Labels.INTEGRATION, WEBHOOK), 1)),
                        notifications(am.scenario("0.5 % of the webhook notifications fail", at), 0.2, 0.001)
                                .silent(Kind.BELOW_THRESHOLD, at),
                        notifications(am.scenario("no notifications at all", at), 0, 0)
                                .silent(Kind.NO_TRAFFIC, at)))
                .build();
    }

    /** Webhook notifications attempted and failed per second. */
    private static Scenario notifications(Scenario s, double attempted, double failed) {
        return s.counter(Metrics.ALERTMANAGER_NOTIFICATIONS.name(), attempted, Labels.INTEGRATION, WEBHOOK)
                .counter(Metrics.ALERTMANAGER_NOTIFICATIONS_FAILED.name(), failed, Labels.INTEGRATION, WEBHOOK);
    }

    private AlertRule alertmanagerConfigReloadFailed(Duration forDuration) {
        return reloadFailed(alert("AlertmanagerConfigReloadFailed", Severity.WARNING, alertmanager), am,
                "Alertmanager", ALERTMANAGER_2, Metrics.ALERTMANAGER_CONFIG_RELOAD_SUCCESSFUL, forDuration,
                "routes, receivers and inhibit rules",
                List.of("Check the file: `amtool check-config alertmanager.yml` names the broken line.",
                        "`" + Consoles.STANDARD.amtool("config show") + "` prints the configuration it runs.",
                        "Fix the file and reload (`kill -HUP <pid>` or POST /-/reload); the alert resolves once a "
                                + "reload succeeds."));
    }

    private AlertRule prometheusConfigReloadFailed(Duration forDuration) {
        return reloadFailed(alert("PrometheusConfigReloadFailed", Severity.WARNING, prometheus), prom,
                "Prometheus", PROMETHEUS_2, Metrics.PROMETHEUS_CONFIG_RELOAD_SUCCESSFUL, forDuration,
                "scrape targets and rule files",
                List.of("Check the files: `promtool check config prometheus.yml` and `promtool check rules` on the "
                                + "rule files name the broken line.",
                        page("status", STATUS_PAGE) + " shows when the last reload succeeded.",
                        "Fix the files and reload (`kill -HUP <pid>` or POST /-/reload with --web.enable-lifecycle)."));
    }

    private static AlertRule reloadFailed(AlertRule.Builder alert, TestTargets test, String what, String second,
                                          MetricDef reloaded, Duration forDuration, String configures,
                                          List<String> mitigation) {
        String selector = test.scope().select(reloaded.name());
        Duration at = firing(GAUGE_ACTIVE, forDuration, Duration.ZERO);
        UnaryOperator<Scenario> failed = s -> s.gauge(reloaded.name(), 0);
        UnaryOperator<Scenario> ok = s -> s.gauge(reloaded.name(), 1);
        return alert.forDuration(forDuration)
                .expr(selector + " == 0")
                .summary(what + "'s last configuration reload failed.")
                .description(what + " ", label(Labels.INSTANCE), "'s last configuration reload failed (for "
                        + duration(forDuration) + "): it keeps running the previous configuration, and its next "
                        + "restart fails on the broken one.")
                .runbook(new Runbook(
                        what + " was told to reload its configuration (a SIGHUP, /-/reload, or a changed file) and "
                                + "the new one was invalid. It keeps working with the previous one, so changes to "
                                + configures + " are not in effect; the next restart fails until the file is fixed.",
                        List.of(new Query("last reload successful (1) or not (0)", selector)),
                        List.of("A hand edit or a stale generated file broke the syntax or references a missing "
                                        + "file (rule file, token file).",
                                "A configuration written for a newer version than the one running (Debian's "
                                        + "packages lag upstream)."),
                        mitigation))
                .tests(Scenario.cases(forDuration,
                        () -> test.scenario("the reload failed less than " + duration(forDuration) + " ago", at)
                                .gauge(reloaded.name(), 0).beforeFor(pending(GAUGE_ACTIVE), expect(test.target(), 0)),
                        test.scenario("the last reload failed", at).gauge(reloaded.name(), 0)
                                .fires(at, expect(test.target(), 0)),
                        pair(test.scenario("two instances, the second's reload failed", at), second, ok, failed)
                                .fires(at, expect(test.target(second), 0)),
                        test.scenario("the last reload succeeded", at).gauge(reloaded.name(), 1)
                                .silent(Kind.BELOW_THRESHOLD, at)))
                .build();
    }

    /**
     * An instance that sees fewer cluster members than the job has instances: the HA pair has split. A single
     * Alertmanager (not clustered: it counts itself) sees 1 of 1 and stays quiet.
     */
    private AlertRule clusterMembersMissing(Duration forDuration) {
        String members = Metrics.ALERTMANAGER_CLUSTER_MEMBERS.name();
        String seen = alertmanager.select(members);
        String instances = "count by (" + String.join(", ", alertmanager.labelNames()) + ") (" + seen + ")";
        Duration at = firing(GAUGE_ACTIVE, forDuration, Duration.ZERO);
        UnaryOperator<Scenario> alone = s -> s.gauge(members, 1);
        UnaryOperator<Scenario> both = s -> s.gauge(members, 2);
        return alert("AlertmanagerClusterMembersMissing", Severity.WARNING, alertmanager)
                .forDuration(forDuration)
                .expr(seen + "\n< on (" + String.join(", ", alertmanager.labelNames()) + ") group_left\n" + instances)
                .summary("An Alertmanager sees fewer cluster peers than there are Alertmanagers.")
                .description("Alertmanager ", label(Labels.INSTANCE), " sees ", Humanize.NUMBER,
                        " cluster member(s) although job ", label(Labels.JOB), " has more instances, for "
                                + duration(forDuration) + ": the cluster has split, so each side may send every "
                                + "notification again and silences are no longer shared.")
                .runbook(new Runbook(
                        "The Alertmanagers of an HA pair gossip to share silences and which notifications went out. "
                                + "One of them no longer sees its peer: both still receive every alert from "
                                + "Prometheus and notify on their own, so receivers get duplicates, and a silence "
                                + "set on one does not mute the other.",
                        List.of(new Query("members each instance sees", seen),
                                new Query("instances of the job", instances),
                                new Query("scrape health of every Alertmanager",
                                        alertmanager.select(Metrics.UP.name()))),
                        List.of("The peers cannot reach each other on the cluster port (9094 TCP and UDP): "
                                        + "a firewall, a changed address, a container network.",
                                "A peer restarted with another --cluster.peer list or without clustering.",
                                "Not a peer that is down: its series vanish with it, so the count drops too and "
                                        + "AlertmanagerDown names it instead."),
                        List.of("`" + Consoles.STANDARD.amtool("cluster show") + "` on each instance lists the peers "
                                        + "it sees and its cluster status.",
                                "Check each instance's --cluster.listen-address and --cluster.peer flags and that "
                                        + "the cluster port is open between them both ways.",
                                "Until it heals, set silences on both instances.")))
                .tests(Scenario.cases(forDuration,
                        () -> pair(am.scenario("two Alertmanagers each alone for less than " + duration(forDuration),
                                at), ALERTMANAGER_2, alone, alone).beforeFor(pending(GAUGE_ACTIVE),
                                expect(am.target(), 1), expect(am.target(ALERTMANAGER_2), 1)),
                        pair(am.scenario("two Alertmanagers, each sees 1 member", at), ALERTMANAGER_2, alone, alone)
                                .fires(at, expect(am.target(), 1), expect(am.target(ALERTMANAGER_2), 1)),
                        am.scenario("a single Alertmanager, not clustered: 1 member", at).gauge(members, 1)
                                .silent(Kind.BELOW_THRESHOLD, at),
                        pair(am.scenario("two Alertmanagers, each sees both", at), ALERTMANAGER_2, both, both)
                                .silent(Kind.BELOW_THRESHOLD, at)))
                .build();
    }

    private AlertRule notConnected(Duration forDuration) {
        String discovered = Metrics.PROMETHEUS_ALERTMANAGERS_DISCOVERED.name();
        Duration at = firing(GAUGE_ACTIVE, forDuration, Duration.ZERO);
        UnaryOperator<Scenario> none = s -> s.gauge(discovered, 0);
        UnaryOperator<Scenario> two = s -> s.gauge(discovered, 2);
        return alert("PrometheusNotConnectedToAlertmanagers", Severity.CRITICAL, prometheus)
                .forDuration(forDuration)
                .expr(prometheus.select(discovered) + " < 1")
                .summary("A Prometheus has no Alertmanager to send alerts to.")
                .description("Prometheus ", label(Labels.INSTANCE), " has discovered no Alertmanager for "
                        + duration(forDuration) + ": the alerts it evaluates reach no one.")
                .runbook(new Runbook(
                        "Prometheus evaluates the rules but has no Alertmanager to hand firing alerts to: nothing "
                                + "is notified, and the Watchdog stops reaching the API. The alerts still show on "
                                + "Prometheus' alerts page.",
                        List.of(new Query("Alertmanagers discovered per Prometheus", prometheus.select(discovered)),
                                new Query("scrape health of every Alertmanager",
                                        alertmanager.select(Metrics.UP.name()))),
                        List.of("The alerting section of prometheus.yml lists no reachable Alertmanager (a "
                                        + "changed address, a service discovery that finds nothing).",
                                "A configuration reload dropped it (PrometheusConfigReloadFailed tells if the "
                                        + "reload failed)."),
                        List.of(page("status", STATUS_PAGE) + " lists the Alertmanagers it sends to.",
                                "Compare prometheus.yml's alerting.alertmanagers with where Alertmanager listens; "
                                        + "`curl http://<alertmanager>:9093/-/ready` from the Prometheus host.")))
                .tests(Scenario.cases(forDuration,
                        () -> prom.scenario("no Alertmanager for less than " + duration(forDuration), at)
                                .gauge(discovered, 0).beforeFor(pending(GAUGE_ACTIVE), expect(prom.target(), 0)),
                        prom.scenario("no Alertmanager discovered", at).gauge(discovered, 0)
                                .fires(at, expect(prom.target(), 0)),
                        pair(prom.scenario("two Prometheus, the second without Alertmanagers", at), PROMETHEUS_2,
                                two, none).fires(at, expect(prom.target(PROMETHEUS_2), 0)),
                        prom.scenario("two Alertmanagers discovered", at).gauge(discovered, 2)
                                .silent(Kind.BELOW_THRESHOLD, at)))
                .build();
    }

    private AlertRule alertsDropped(Duration forDuration) {
        String dropped = Metrics.PROMETHEUS_NOTIFICATIONS_DROPPED.name();
        double perSecond = 0.1;
        Duration at = firing(Scenario.rateActive(perSecond, 0, Recordings.RATE_WINDOW), forDuration,
                Recordings.RATE_WINDOW);
        double inWindow = perSecond * Recordings.RATE_WINDOW.getSeconds();
        return alert("PrometheusAlertsDropped", Severity.CRITICAL, prometheus)
                .forDuration(forDuration)
                .expr(gt(increase(prometheus.select(dropped), window), 0))
                .summary("A Prometheus drops alerts instead of sending them to Alertmanager.")
                .description("Prometheus ", label(Labels.INSTANCE), " dropped ", Humanize.NUMBER, " alerts in the "
                        + "last " + window + " (for " + duration(forDuration) + ") instead of delivering them to "
                        + "Alertmanager: those alerts reach no one.")
                .runbook(new Runbook(
                        "Prometheus gave up on alerts: every Alertmanager refused them or its notification queue "
                                + "overflowed. The dropped alerts are not retried; if the condition persists, the "
                                + "next evaluation sends them again.",
                        List.of(new Query("alerts dropped per " + window, increase(prometheus.select(dropped), window)),
                                new Query("errors sending alerts per Alertmanager", sumBy(rate(prometheus.select(
                                        Metrics.PROMETHEUS_NOTIFICATIONS_ERRORS.name()), window),
                                        prometheus.by(Labels.INSTANCE, "alertmanager"))),
                                new Query("notification queue length", prometheus.select(
                                        Metrics.PROMETHEUS_NOTIFICATIONS_QUEUE_LENGTH.name()))),
                        List.of("Every Alertmanager is down or refuses Prometheus' requests.",
                                "A flood of alerts filled the queue (PrometheusNotificationQueueFilling warns first)."),
                        List.of("Check the Alertmanagers (AlertmanagerDown) and Prometheus' log for the send errors.",
                                "Look at Prometheus' alerts page: it still lists what fires while nothing is "
                                        + "delivered.")))
                .tests(Scenario.cases(forDuration,
                        () -> prom.scenario("dropping alerts for less than " + duration(forDuration), at)
                                .counter(dropped, perSecond).beforeFor(pending(RATIO_ACTIVE),
                                        expect(prom.target(), inWindow)),
                        prom.scenario("dropping " + num(perSecond) + " alerts/s", at).counter(dropped, perSecond)
                                .fires(at, expect(prom.target(), inWindow)),
                        pair(prom.scenario("two Prometheus, the second dropping", at), PROMETHEUS_2,
                                s -> s.counter(dropped, 0), s -> s.counter(dropped, perSecond))
                                .fires(at, expect(prom.target(PROMETHEUS_2), inWindow)),
                        prom.scenario("nothing dropped", at).counter(dropped, 0).silent(Kind.BELOW_THRESHOLD, at)))
                .build();
    }

    private AlertRule queueFilling(double ratio, Duration forDuration) {
        String length = Metrics.PROMETHEUS_NOTIFICATIONS_QUEUE_LENGTH.name();
        String capacity = Metrics.PROMETHEUS_NOTIFICATIONS_QUEUE_CAPACITY.name();
        String share = prometheus.select(length) + " / " + prometheus.select(capacity);
        double full = 0.9;
        double low = 0.01;
        Duration at = firing(GAUGE_ACTIVE, forDuration, Duration.ZERO);
        return alert("PrometheusNotificationQueueFilling", Severity.WARNING, prometheus)
                .forDuration(forDuration)
                .expr(gt(share, ratio))
                .summary("A Prometheus' queue of alerts for Alertmanager is filling up.")
                .description("Prometheus ", label(Labels.INSTANCE), "'s queue of alerts waiting for Alertmanager is ",
                        Humanize.PERCENTAGE, " full (threshold " + num(ratio * 100) + " %, for "
                                + duration(forDuration) + "): once full, it drops alerts.")
                .runbook(new Runbook(
                        "Prometheus queues alerts before sending them to Alertmanager; the queue grows when "
                                + "Alertmanager answers slowly or more alerts fire than it can send. At capacity it "
                                + "drops alerts (PrometheusAlertsDropped).",
                        List.of(new Query("queue length / capacity", share),
                                new Query("alerts sent per second", sumBy(rate(prometheus.select(
                                        Metrics.PROMETHEUS_NOTIFICATIONS_SENT.name()), window),
                                        prometheus.by(Labels.INSTANCE, "alertmanager")))),
                        List.of("Alertmanager is slow or unreachable and requests time out.",
                                "An alert storm: a rule matching thousands of series."),
                        List.of("Check the Alertmanagers' health (AlertmanagerDown) and latency.",
                                "Find the rule behind a storm on Prometheus' alerts page and fix its grouping.")))
                .tests(Scenario.cases(forDuration,
                        () -> queue(prom.scenario("queue 90 % full for less than " + duration(forDuration), at), full)
                                .beforeFor(pending(GAUGE_ACTIVE), expect(prom.target(), full)),
                        queue(prom.scenario("queue 90 % full", at), full).fires(at, expect(prom.target(), full)),
                        pair(prom.scenario("two Prometheus, the second's queue 90 % full", at), PROMETHEUS_2,
                                s -> queue(s, low), s -> queue(s, full))
                                .fires(at, expect(prom.target(PROMETHEUS_2), full)),
                        queue(prom.scenario("queue 1 % full", at), low).silent(Kind.BELOW_THRESHOLD, at)))
                .build();
    }

    /** The queue at {@code share} of Prometheus' default capacity. */
    private static Scenario queue(Scenario s, double share) {
        double capacity = 10_000;
        return s.gauge(Metrics.PROMETHEUS_NOTIFICATIONS_QUEUE_LENGTH.name(), share * capacity)
                .gauge(Metrics.PROMETHEUS_NOTIFICATIONS_QUEUE_CAPACITY.name(), capacity);
    }

    private AlertRule ruleEvaluationFailures(Duration forDuration) {
        return ruleGroupIncrease(alert("PrometheusRuleEvaluationFailures", Severity.WARNING, prometheus),
                Metrics.PROMETHEUS_RULE_EVALUATION_FAILURES, forDuration, "failed",
                "A rule of the group failed to evaluate: its alerts cannot fire and its recordings have gaps, so "
                        + "alerts and panels reading them go blind.",
                List.of("A query error: many-to-many matching after a label change, a function applied to the wrong "
                                + "type.",
                        "A query that returns too many series or exceeds the query timeout."),
                List.of(page("rules", RULES_PAGE) + " shows each rule's last error.",
                        "Fix the rule in alert-rules-gen and regenerate; `promtool test rules` catches most "
                                + "errors before they ship."));
    }

    private AlertRule missedEvaluations(Duration forDuration) {
        return ruleGroupIncrease(alert("PrometheusMissedRuleEvaluations", Severity.WARNING, prometheus),
                Metrics.PROMETHEUS_RULE_GROUP_MISSED, forDuration, "missed",
                "A rule group took longer than its evaluation interval, so Prometheus skipped evaluations: its "
                        + "alerts fire late and its recordings have gaps.",
                List.of("Expensive queries: long ranges (the SLO's 30d window) over many series.",
                        "Prometheus is short of CPU or its disk is slow (HostCpuSaturated)."),
                List.of(page("rules", RULES_PAGE) + " shows each group's evaluation time.",
                        "Split the slow group, record its expensive part at a longer interval, or give "
                                + "Prometheus more CPU."));
    }

    /** {@code increase(metric[5m]) > 0} for one rule group of one Prometheus. */
    private AlertRule ruleGroupIncrease(AlertRule.Builder alert, MetricDef counter, Duration forDuration,
                                        String what, String meaning, List<String> causes, List<String> mitigation) {
        String metric = counter.name();
        String increase = increase(prometheus.select(metric), window);
        double perSecond = 0.05;
        double inWindow = perSecond * Recordings.RATE_WINDOW.getSeconds();
        Duration at = firing(Scenario.rateActive(perSecond, 0, Recordings.RATE_WINDOW), forDuration,
                Recordings.RATE_WINDOW);
        var group = labels(prom.target(), Labels.RULE_GROUP, RULE_GROUP);
        UnaryOperator<Scenario> failing = s -> s.counter(metric, perSecond, Labels.RULE_GROUP, RULE_GROUP)
                .counter(metric, 0, Labels.RULE_GROUP, OTHER_RULE_GROUP);
        return alert.forDuration(forDuration)
                .expr(gt(increase, 0))
                .summary("A Prometheus " + what + " rule evaluations.")
                .description("Prometheus ", label(Labels.INSTANCE), " " + what + " ", Humanize.NUMBER,
                        " evaluations of rule group ", label(Labels.RULE_GROUP), " in the last " + window + " (for "
                                + duration(forDuration) + "): its alerts may not fire.")
                .runbook(new Runbook(meaning,
                        List.of(new Query("evaluations " + what + " per group in the last " + window, increase),
                                new Query("last evaluation time per group", prometheus.select(
                                        Metrics.PROMETHEUS_RULE_GROUP_DURATION.name()))),
                        causes, mitigation))
                .tests(Scenario.cases(forDuration,
                        () -> failing.apply(prom.scenario("one group " + what + " for less than "
                                + duration(forDuration), at)).beforeFor(pending(RATIO_ACTIVE), expect(group, inWindow)),
                        failing.apply(prom.scenario("one of two groups " + what, at))
                                .fires(at, expect(group, inWindow)),
                        pair(prom.scenario("two Prometheus, the second's group " + what, at), PROMETHEUS_2,
                                s -> s.counter(metric, 0, Labels.RULE_GROUP, RULE_GROUP), failing)
                                .fires(at, expect(labels(prom.target(PROMETHEUS_2), Labels.RULE_GROUP, RULE_GROUP),
                                        inWindow)),
                        prom.scenario("no group " + what, at).counter(metric, 0, Labels.RULE_GROUP, RULE_GROUP)
                                .silent(Kind.BELOW_THRESHOLD, at)))
                .build();
    }

    /**
     * Scrapes slower than a share of the scrape interval, for every target of the stack's four jobs. Not every job
     * of the Prometheus: in a shared Prometheus other jobs may scrape at other intervals, which this threshold
     * knows nothing of.
     */
    private AlertRule scrapeSlow(Thresholds t, Duration forDuration) {
        Duration interval = settings.intervals().scrape().value();
        double limit = t.scrapeDurationRatio() * interval.toMillis() / 1000.0;
        Set<String> jobs = new LinkedHashSet<>();
        List<Scope> scopes = List.of(api, prometheus, alertmanager, node);
        scopes.forEach(s -> jobs.add(s.job()));
        List<String> matchers = new ArrayList<>();
        api.cluster().ifPresent(c -> matchers.add(eq(c.label(), c.value())));
        matchers.add(re(Labels.JOB, String.join("|", jobs)));
        String scrapeDuration = Metrics.SCRAPE_DURATION.name();
        String averaged = "avg_over_time(" + select(scrapeDuration, matchers.toArray(String[]::new)) + "["
                + window + "])";
        Duration at = firing(GAUGE_ACTIVE, forDuration, Duration.ZERO);
        String nodeInstance = HostAlerts.NODE_EXPORTER;
        var slowNode = apiTargets.of(node, nodeInstance).target();
        double slow = limit * 4 / 3;
        double fast = limit / 2;
        UnaryOperator<Scenario> healthy = s -> s.gauge(scrapeDuration, fast)
                .on(prometheus, PROMETHEUS).gauge(scrapeDuration, 0.01)
                .on(alertmanager, ALERTMANAGER).gauge(scrapeDuration, 0.01);
        return alert("PrometheusScrapeSlow", Severity.WARNING, scopes.toArray(Scope[]::new))
                .forDuration(forDuration)
                .expr(gt(averaged, limit))
                .summary("Scrapes of a target take more than " + num(t.scrapeDurationRatio() * 100)
                        + " % of the scrape interval.")
                .description("Prometheus' scrapes of ", label(Labels.INSTANCE), " (job ", label(Labels.JOB),
                        ") have taken ", Humanize.DURATION, " on average over " + window + ", more than "
                                + num(t.scrapeDurationRatio() * 100) + " % of the " + duration(interval)
                                + " scrape interval, for " + duration(forDuration) + ". The rule covers every target of "
                                + "the stack's jobs (" + String.join(", ", jobs) + ") and no other job, whose scrape "
                                + "interval it does not know; once a scrape outlasts the timeout it fails, up turns "
                                + "0 and that target's series get gaps.")
                .runbook(new Runbook(
                        "A target answers its scrapes slowly. Slower still, scrapes time out: the target counts as "
                                + "down and alerts reading its series see gaps.",
                        List.of(new Query("average scrape duration per target", averaged),
                                new Query("scrape health", select(Metrics.UP.name(), matchers.toArray(String[]::new)))),
                        List.of("The target exposes many more series than before (a label with unbounded values).",
                                "The target's host is short of CPU (HostCpuSaturated) or its process pauses "
                                        + "(garbage collection for the API).",
                                "The network between Prometheus and the target is slow."),
                        List.of("Prometheus' targets page shows each target's last scrape duration and error.",
                                "`curl -s -o /dev/null -w '%{time_total}\\n' http://<target>/metrics` from the "
                                        + "Prometheus host times one scrape.",
                                "For the API, check /debug/profile?endpoint=/metrics and its series count.")))
                .tests(Scenario.cases(forDuration,
                        () -> healthy.apply(apiTargets.scenario("node exporter slow for less than "
                                + duration(forDuration), at)).on(node, nodeInstance).gauge(scrapeDuration, slow)
                                .beforeFor(pending(GAUGE_ACTIVE), expect(slowNode, slow)),
                        healthy.apply(apiTargets.scenario("node exporter's scrapes take " + num(slow) + " s", at))
                                .on(node, nodeInstance).gauge(scrapeDuration, slow)
                                .fires(at, expect(slowNode, slow)),
                        apiTargets.scenario("the API's scrapes take " + num(slow) + " s", at)
                                .gauge(scrapeDuration, slow)
                                .fires(at, expect(apiTargets.target(), slow)),
                        healthy.apply(apiTargets.scenario("every target at " + num(fast) + " s or faster", at))
                                .on(node, nodeInstance).gauge(scrapeDuration, fast).silent(Kind.BELOW_THRESHOLD, at),
                        apiTargets.scenario("a target of a job outside the stack takes " + num(slow) + " s", at)
                                .rawGauge(select(scrapeDuration, eq(Labels.JOB, "other_team"),
                                        eq(Labels.INSTANCE, "other:8080")), slow)
                                .silent(Kind.BELOW_THRESHOLD, at)))
                .build();
    }

    /** A Prometheus page as both ways of running the stack serve it. */
    private static String page(String name, String path) {
        return "Prometheus' " + name + " page (" + Consoles.STANDARD.nativePage(path) + " for Debian's package, "
                + Consoles.STANDARD.composePage(path) + " for compose)";
    }

    /** Series of two instances of the scenario's job: {@code first} on its single target, then {@code second}'s. */
    private static Scenario pair(Scenario s, String second, UnaryOperator<Scenario> first,
                                 UnaryOperator<Scenario> secondData) {
        return secondData.apply(first.apply(s).on(second));
    }
}
