package dev.spacetime.alerts;

import static dev.spacetime.alerts.model.Template.label;
import static dev.spacetime.alerts.promql.Expr.ge;
import static dev.spacetime.alerts.scenario.Scenario.GAUGE_ACTIVE;
import static dev.spacetime.alerts.scenario.Scenario.expect;
import static dev.spacetime.alerts.scenario.Scenario.firing;
import static dev.spacetime.alerts.scenario.Scenario.pending;
import static dev.spacetime.catalog.PromQL.rate;
import static dev.spacetime.catalog.PromQL.sumBy;
import static dev.spacetime.settings.PromDuration.duration;

import dev.spacetime.alerts.model.AlertGroup;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.AlertTest.Kind;
import dev.spacetime.alerts.model.Component;
import dev.spacetime.alerts.model.Runbook.Query;
import dev.spacetime.alerts.model.Runbook;
import dev.spacetime.alerts.scenario.Scenario;
import dev.spacetime.alerts.scenario.TestTargets;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import java.time.Duration;
import java.util.List;

/** The bounded pool scene work runs on (monitoring routes have their own executor and stay up when it is full). */
final class WorkloadAlerts {

    /**
     * Saturated means every workload thread busy: the ratio of in-flight operations to threads reaches 1. Not a
     * tunable threshold: below 1 a new operation starts at once, at 1 it queues (and beyond the queue gets 503).
     */
    static final double SATURATED = 1.0;

    private final Settings settings;
    private final Scope scope;
    private final TestTargets test;

    private WorkloadAlerts(Settings settings) {
        this.settings = settings;
        this.scope = settings.scope();
        this.test = TestTargets.of(settings);
    }

    static List<AlertRule> alerts(Settings settings) {
        return new WorkloadAlerts(settings).all();
    }

    private List<AlertRule> all() {
        Duration forDuration = settings.forDurations().workloadSaturated();
        String inFlight = Metrics.WORKLOAD_IN_FLIGHT.name();
        String threads = Metrics.WORKLOAD_THREADS.name();
        Duration at = firing(GAUGE_ACTIVE, forDuration, Duration.ZERO);
        String window = duration(Recordings.RATE_WINDOW);
        return List.of(AlertRule.builder("WorkloadSaturated")
                .group(AlertGroup.SCENES).severity(Severity.WARNING).component(Component.SCENES)
                .scope(scope)
                .forDuration(forDuration)
                .expr(ge(scope.select(inFlight) + " / " + scope.select(threads), SATURATED))
                .summary("Every scene worker of the API is busy.")
                .description("The API on ", label(Labels.INSTANCE), " has had all its workload threads busy for "
                        + duration(forDuration) + "; scene requests queue, and beyond the queue they get 503 with "
                        + "Retry-After. /metrics and /health are not affected.")
                .runbook(new Runbook(
                        "Scene operations (load, validate, reload, list, dump) run on a bounded pool "
                                + "(workload.threads, workload.queue). It has been full for " + duration(forDuration)
                                + ": requests wait in the queue, and once it is full they are refused at once with "
                                + "503 and Retry-After. Work whose client left or that passed workload.deadlineMs is "
                                + "cancelled, so this is real demand or slow scenes, not abandoned work.",
                        List.of(new Query("busy threads / threads", scope.select(inFlight) + " / " + scope.select(threads)),
                                new Query("operations waiting", scope.select(Metrics.WORKLOAD_QUEUE_DEPTH.name())),
                                new Query("refused or cancelled per second by reason", sumBy(
                                        rate(scope.select(Metrics.WORKLOAD_REJECTIONS.name()), window), scope.by(Labels.REASON))),
                                new Query("scene load time p95", "histogram_quantile(0.95, sum by (le) (rate("
                                        + scope.select(Metrics.SCENE_LOAD_DURATION.bucket()) + "[" + window + "])))")),
                        List.of("Large scenes: each operation holds a thread for seconds.",
                                "More clients loading or validating scenes than the pool serves.",
                                "A client retrying in a loop, ignoring Retry-After."),
                        List.of("Look at /debug/profile?endpoint=/scene for slow phases (parse, instantiation).",
                                "Raise workload.threads up to the number of cores if the host has idle CPU; "
                                        + "otherwise reduce the scene sizes or the request rate.",
                                "Find the client in the access log if one client dominates.")))
                .tests(Scenario.cases(forDuration,
                        () -> pool(test.scenario("every thread busy for less than " + duration(forDuration), at),
                                4, 4).beforeFor(pending(GAUGE_ACTIVE), expect(test.target(), 1)),
                        pool(test.scenario("4 of 4 threads busy", at), 4, 4).fires(at, expect(test.target(), 1)),
                        pool(test.scenario("3 of 4 threads busy", at), 3, 4).silent(Kind.BELOW_THRESHOLD, at),
                        pool(test.scenario("idle pool", at), 0, 4).silent(Kind.NO_TRAFFIC, at),
                        test.scenario("one of three instances saturated, two at 3 of 4", at)
                                .fleet(1, s -> pool(s, 4, 4), s -> pool(s, 3, 4))
                                .fires(at, test.firstInstances(1, 1)),
                        test.scenario("two of three instances saturated, one at 3 of 4", at)
                                .fleet(2, s -> pool(s, 4, 4), s -> pool(s, 3, 4))
                                .fires(at, test.firstInstances(2, 1))))
                .build());
    }

    private Scenario pool(Scenario s, double inFlight, double threads) {
        return s.gauge(Metrics.WORKLOAD_IN_FLIGHT.name(), inFlight)
                .gauge(Metrics.WORKLOAD_THREADS.name(), threads);
    }

}
