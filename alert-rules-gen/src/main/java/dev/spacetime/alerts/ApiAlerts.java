package dev.spacetime.alerts;

import static dev.spacetime.alerts.model.Template.label;
import static dev.spacetime.alerts.model.Template.labelOr;
import static dev.spacetime.alerts.promql.Expr.and;
import static dev.spacetime.alerts.promql.Expr.ge;
import static dev.spacetime.alerts.promql.Expr.gt;
import static dev.spacetime.alerts.scenario.Scenario.GAUGE_ACTIVE;
import static dev.spacetime.alerts.scenario.Scenario.RATIO_ACTIVE;
import static dev.spacetime.alerts.scenario.Scenario.expect;
import static dev.spacetime.alerts.scenario.Scenario.firing;
import static dev.spacetime.alerts.scenario.Scenario.labels;
import static dev.spacetime.alerts.scenario.Scenario.pending;
import static dev.spacetime.catalog.PromQL.avgBy;
import static dev.spacetime.catalog.PromQL.eq;
import static dev.spacetime.catalog.PromQL.histogramQuantile;
import static dev.spacetime.catalog.PromQL.rate;
import static dev.spacetime.catalog.PromQL.sumBy;
import static dev.spacetime.settings.PromDuration.duration;

import dev.spacetime.alerts.Recordings.LatencyQuantile;
import dev.spacetime.alerts.model.AlertGroup;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.AlertTest.Expected;
import dev.spacetime.alerts.model.AlertTest.Kind;
import dev.spacetime.alerts.model.AlertTest;
import dev.spacetime.alerts.model.Component;
import dev.spacetime.alerts.model.Humanize;
import dev.spacetime.alerts.model.Runbook.Query;
import dev.spacetime.alerts.model.Runbook;
import dev.spacetime.alerts.promql.Expr;
import dev.spacetime.alerts.scenario.Scenario.Observation;
import dev.spacetime.alerts.scenario.Scenario;
import dev.spacetime.alerts.scenario.TestTargets;
import dev.spacetime.alerts.scenario.Traffic;
import dev.spacetime.catalog.HealthState;
import dev.spacetime.catalog.Jobs;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.settings.ForDurations;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import dev.spacetime.settings.Thresholds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** Alerts on the API being there, answering without errors, fast, and healthy by its own account. */
final class ApiAlerts {

    private final Settings settings;
    private final Scope scope;
    private final TestTargets test;

    private ApiAlerts(Settings settings) {
        this.settings = settings;
        this.scope = settings.scope();
        this.test = TestTargets.of(settings);
    }

    static List<AlertRule> alerts(Settings settings) {
        return new ApiAlerts(settings).all();
    }

    private List<AlertRule> all() {
        Thresholds t = settings.thresholds();
        ForDurations f = settings.forDurations();
        return List.of(apiDown(f.apiDown()), instancesDown(t.instancesDownRatio(), f.instancesDown()),
                health("HealthCheckFailing", Severity.CRITICAL, HealthState.UNHEALTHY, f.healthCheckFailing()),
                health("ServiceDegraded", Severity.WARNING, HealthState.DEGRADED, f.serviceDegraded()),
                errorRate(t, f.httpErrorRate()),
                latency("CriticalSlowRequests", Severity.CRITICAL, LatencyQuantile.P99,
                        t.criticalLatencyP99Seconds(), t.minRequestRate(), f.criticalSlowRequests()),
                latency("SlowRequestLatency", Severity.WARNING, LatencyQuantile.P95,
                        t.warningLatencyP95Seconds(), t.minRequestRate(), f.slowRequestLatency()));
    }

    private AlertRule apiDown(Duration forDuration) {
        String up = scope.select(Metrics.UP.name());
        Duration at = firing(GAUGE_ACTIVE, forDuration, Duration.ZERO);
        UnaryOperator<Scenario> down = s -> s.gauge(Metrics.UP.name(), 0);
        UnaryOperator<Scenario> upAgain = s -> s.gauge(Metrics.UP.name(), 1);
        List<AlertTest> tests = Scenario.cases(forDuration,
                () -> test.scenario("scrapes have failed for less than " + duration(forDuration), at)
                        .gauge(Metrics.UP.name(), 0).beforeFor(pending(GAUGE_ACTIVE), expect(test.target(), 0)),
                test.scenario("scrapes of the API fail", at).gauge(Metrics.UP.name(), 0)
                        .fires(at, expect(test.target(), 0)),
                test.scenario("the API target vanished; only node exporter is scraped", at)
                        .rawGauge(Metrics.UP.name() + "{" + eq(Labels.JOB, Jobs.NODE) + ", "
                                + eq(Labels.INSTANCE, "node-exporter:9100") + "}", 1)
                        .fires(at, expect(test.job(), 1)),
                test.scenario("scrapes succeed", at).gauge(Metrics.UP.name(), 1)
                        .silent(Kind.BELOW_THRESHOLD, at),
                test.scenario("one of three instances down, two up", at).fleet(1, down, upAgain)
                        .fires(at, test.firstInstances(1, 0)),
                test.scenario("two of three instances down, one up", at).fleet(2, down, upAgain)
                        .fires(at, test.firstInstances(2, 0)));
        return AlertRule.builder("HTTPAPIDown")
                .group(AlertGroup.AVAILABILITY).severity(Severity.CRITICAL).component(Component.AVAILABILITY)
                .scope(scope)
                .forDuration(forDuration)
                // up == 0: Prometheus reaches the target but the scrape fails (one alert per instance);
                // absent: no target of the job is left (one alert for the job). A gauge of the API itself (the
                // seed used active_connections == 0) would vanish with the server.
                .expr(Expr.or(up + " == 0", "absent(" + up + ")"))
                .summary("An instance of the SpaceTime API cannot be scraped.")
                .description("Prometheus has had no successful scrape of ",
                        labelOr(Labels.INSTANCE, "any instance (no target is left)"), " in job ",
                        label(Labels.JOB), " for " + duration(forDuration) + ": the API there is down, "
                                + "unreachable, or gone from the scrape targets.")
                .runbook(new Runbook(
                        "Prometheus cannot collect metrics from the API: either the scrape fails (up == 0) or "
                                + "no target of the job exists any more (absent). Clients most likely cannot "
                                + "reach the API either.",
                        List.of(new Query("scrape health per target", up),
                                new Query("when the process last started", scope.select(Metrics.PROCESS_START_TIME.name())),
                                new Query("scrape errors as Prometheus sees them",
                                        scope.select(Metrics.SCRAPE_DURATION.name()))),
                        List.of("The API process crashed or was stopped (check its logs and exit code).",
                                "The API listens on another port or address than prometheus.yml scrapes.",
                                "/metrics answers slowly or with an error (scrape timeout).",
                                "The target was removed from prometheus.yml or service discovery."),
                        List.of("Restart the API; `curl http://<host>:8080/metrics` from the Prometheus host.",
                                "Compare the API target's address and last scrape error on Prometheus' targets page "
                                        + "(Where to look, below) with the address the API listens on.",
                                "If the API runs but /metrics is slow, check /health and the profiler.")))
                .tests(tests)
                .build();
    }

    /** More than {@code ratio} of the job's instances down: the rest may not carry the load. */
    private AlertRule instancesDown(double ratio, Duration forDuration) {
        String up = scope.select(Metrics.UP.name());
        Duration at = firing(GAUGE_ACTIVE, forDuration, Duration.ZERO);
        UnaryOperator<Scenario> down = s -> s.gauge(Metrics.UP.name(), 0);
        UnaryOperator<Scenario> upAgain = s -> s.gauge(Metrics.UP.name(), 1);
        List<AlertTest> tests = new ArrayList<>(Scenario.cases(forDuration,
                () -> test.scenario("all three instances down for less than " + duration(forDuration), at)
                        .fleet(Scenario.FLEET, down, upAgain).beforeFor(pending(GAUGE_ACTIVE), expect(test.job(), 1)),
                test.scenario("all three instances down", at).fleet(Scenario.FLEET, down, upAgain)
                        .fires(at, expect(test.job(), 1)),
                test.scenario("all three instances up", at).fleet(0, down, upAgain)
                        .silent(Kind.BELOW_THRESHOLD, at)));
        // One bad two good, and the reverse: each fires exactly when its share of instances down passes the ratio.
        for (int bad = 1; bad < Scenario.FLEET; bad++) {
            double share = (double) bad / Scenario.FLEET;
            Scenario s = test.scenario(bad + " of three instances down", at).fleet(bad, down, upAgain);
            tests.add(share > ratio ? s.fires(at, expect(test.job(), share)) : s.silent(Kind.BELOW_THRESHOLD, at));
        }
        return AlertRule.builder("HTTPAPIInstancesDown")
                .group(AlertGroup.AVAILABILITY).severity(Severity.CRITICAL).component(Component.AVAILABILITY)
                .scope(scope)
                .forDuration(forDuration)
                .expr(gt("1 - " + avgBy(up, scope.by()), ratio))
                .summary("More than " + Expr.num(ratio * 100) + " % of the SpaceTime API's instances cannot be "
                        + "scraped.")
                .description(Humanize.PERCENTAGE, " of the instances of job ", label(Labels.JOB),
                        " have had no successful scrape for " + duration(forDuration) + " (threshold "
                                + Expr.num(ratio * 100) + " %).")
                .runbook(new Runbook(
                        "A large share of the fleet is down at once: the instances left carry their load, or "
                                + "clients fail. HTTPAPIDown names each instance; this alert says the fleet "
                                + "as a whole is in trouble, which points at a shared cause.",
                        List.of(new Query("instances down", up + " == 0"),
                                new Query("share of instances down", "1 - " + avgBy(up, scope.by())),
                                new Query("when each process last started",
                                        scope.select(Metrics.PROCESS_START_TIME.name()))),
                        List.of("A deployment rolled out a broken version to many instances.",
                                "A shared dependency failed: the network between Prometheus and the hosts, "
                                        + "DNS, the scene storage.",
                                "The hosts ran out of memory together under a load spike."),
                        List.of("Check the instances' logs for a common error; roll back a recent deployment.",
                                "Check that Prometheus itself can reach the hosts (its targets page lists "
                                        + "the scrape errors).")))
                .tests(tests)
                .build();
    }

    /** {@code expected} with {@code labelValues} (label, value pairs) added to each. */
    private static Expected[] withLabels(Expected[] expected, String... labelValues) {
        return Arrays.stream(expected).map(e -> expect(labels(e.labels(), labelValues), e.value()))
                .toArray(Expected[]::new);
    }

    private AlertRule health(String name, Severity severity, HealthState state, Duration forDuration) {
        String selector = scope.select(Metrics.HEALTH_STATUS.name(), eq(Labels.SUBSYSTEM, Labels.OVERALL),
                eq(Labels.STATE, state.label()));
        Duration at = firing(GAUGE_ACTIVE, forDuration, Duration.ZERO);
        String[] overall = {Labels.SUBSYSTEM, Labels.OVERALL, Labels.STATE, state.label()};
        var firingLabels = labels(test.target(), overall);
        HealthState better = state == HealthState.UNHEALTHY ? HealthState.DEGRADED : HealthState.HEALTHY;
        List<AlertTest> tests = Scenario.cases(forDuration,
                () -> health(test.scenario("overall health turned " + state.label() + " recently", at), state)
                        .beforeFor(pending(GAUGE_ACTIVE), expect(firingLabels, 1)),
                health(test.scenario("overall health is " + state.label(), at), state)
                        .fires(at, expect(firingLabels, 1)),
                health(test.scenario("overall health is " + better.label(), at), better)
                        .silent(Kind.BELOW_THRESHOLD, at),
                test.scenario("one of three instances " + state.label() + ", two " + better.label(), at)
                        .fleet(1, s -> health(s, state), s -> health(s, better))
                        .fires(at, withLabels(test.firstInstances(1, 1), overall)),
                test.scenario("two of three instances " + state.label() + ", one " + better.label(), at)
                        .fleet(2, s -> health(s, state), s -> health(s, better))
                        .fires(at, withLabels(test.firstInstances(2, 1), overall)));
        return AlertRule.builder(name)
                .group(AlertGroup.HEALTH).severity(severity).component(Component.HEALTH)
                .scope(scope)
                .forDuration(forDuration)
                // One-hot gauge: exactly one state per subsystem is 1, so the alert matches the state by label.
                .expr(selector + " == 1")
                .summary("The SpaceTime API reports itself " + state.label() + ".")
                .description("The API on ", label(Labels.INSTANCE), " has reported overall health "
                        + state.label() + " for " + duration(forDuration)
                        + "; GET /health names the subsystems at fault.")
                .runbook(new Runbook(
                        "The API's own health checks (scene loader, file system, memory, engine, connections, "
                                + "alerting) report the overall state " + state.label()
                                + " — the worst subsystem wins.",
                        List.of(new Query("state of every subsystem",
                                        scope.select(Metrics.HEALTH_STATUS.name()) + " == 1"),
                                new Query("resident memory", scope.select(Metrics.PROCESS_RESIDENT_MEMORY.name())),
                                new Query("engine frame rate against its target",
                                        scope.select(Metrics.ENGINE_FPS.name()) + " / "
                                                + scope.select(Metrics.ENGINE_TARGET_FPS.name()))),
                        healthCauses(state),
                        List.of("`curl http://<host>:8080/health` and read issues[] and the subsystem messages.",
                                "Fix the named subsystem; restart the API if memory keeps growing.")))
                .tests(tests)
                .build();
    }

    private static List<String> healthCauses(HealthState state) {
        List<String> causes = new ArrayList<>(List.of(
                "Memory above the health check's threshold (see the memory subsystem).",
                "The engine runs below its fps floor (a heavy scene).",
                "The scene directory is unreadable or missing (file_system, scene_loader).",
                "Too many open connections."));
        if (state == HealthState.DEGRADED) { // the alerting subsystem can only degrade
            causes.add("No Watchdog heartbeat within the window (the alerting subsystem): alerts may reach no one;"
                    + " follow the Watchdog runbook.");
        }
        return causes;
    }

    private Scenario health(Scenario s, HealthState current) {
        for (HealthState h : HealthState.values()) {
            s.gauge(Metrics.HEALTH_STATUS.name(), h == current ? 1 : 0, Labels.SUBSYSTEM, Labels.OVERALL,
                    Labels.STATE, h.label());
        }
        return s;
    }

    private AlertRule errorRate(Thresholds t, Duration forDuration) {
        double threshold = t.httpErrorRatio();
        double guard = t.minRequestRate();
        Duration at = firing(RATIO_ACTIVE, forDuration, Recordings.RATE_WINDOW);
        List<AlertTest> tests = Scenario.cases(forDuration,
                () -> Traffic.requests(test.scenario("errors started less than " + duration(forDuration) + " ago", at),
                        1, 2 * threshold).beforeFor(pending(RATIO_ACTIVE), expect(test.job(), 2 * threshold)),
                Traffic.requests(test.scenario("1 req/s, " + Expr.num(2 * threshold * 100) + " % answered 500", at),
                        1, 2 * threshold).fires(at, expect(test.job(), 2 * threshold)),
                Traffic.requests(test.scenario("1 req/s, " + Expr.num(threshold * 50) + " % answered 500", at),
                        1, threshold / 2).silent(Kind.BELOW_THRESHOLD, at),
                Traffic.requests(test.scenario("no requests at all", at), 0, 0).silent(Kind.NO_TRAFFIC, at),
                Traffic.requests(test.scenario("a trickle below the volume guard, every request failing", at),
                        guard / 2, 1).silent(Kind.LOW_TRAFFIC, at),
                // The ratio is the job's: one failing instance among good ones is diluted, two are not.
                test.scenario("one of three instances at " + Expr.num(2 * threshold * 100) + " % errors, two clean",
                        at).fleet(1, s -> Traffic.requests(s, 1, 2 * threshold), s -> Traffic.requests(s, 1, 0))
                        .silent(Kind.BELOW_THRESHOLD, at),
                test.scenario("two of three instances at " + Expr.num(2 * threshold * 100) + " % errors, one clean",
                        at).fleet(2, s -> Traffic.requests(s, 1, 2 * threshold), s -> Traffic.requests(s, 1, 0))
                        .fires(at, expect(test.job(), 4 * threshold / 3)));
        return AlertRule.builder("HighHTTPErrorRate")
                .group(AlertGroup.AVAILABILITY).severity(Severity.CRITICAL).component(Component.AVAILABILITY)
                .scope(scope)
                .forDuration(forDuration)
                .expr(and(gt(scope.select(Recordings.JOB_ERROR_RATIO), threshold),
                        ge(scope.select(Recordings.JOB_REQUESTS_RATE), guard)))
                .summary("More than " + Expr.num(threshold * 100) + " % of API requests fail with 5xx.")
                .description(Humanize.PERCENTAGE, " of requests to ", label(Labels.JOB),
                        " were answered with a 5xx status over the last " + duration(Recordings.RATE_WINDOW)
                                + " (threshold " + Expr.num(threshold * 100) + " %, at least "
                                + Expr.num(guard) + " req/s).")
                .runbook(new Runbook(
                        "A significant share of requests fail on the server side. Below " + Expr.num(guard)
                                + " req/s the alert stays silent: there one failed request would be a large share.",
                        List.of(new Query("error ratio per endpoint",
                                        "topk(5, " + scope.select(Recordings.JOB_ENDPOINT_ERROR_RATIO) + ")"),
                                new Query("request rate per status", scope.select(Recordings.JOB_STATUS_REQUESTS_RATE)),
                                new Query("scene load errors by type", sumBy(rate(scope.select(Metrics.SCENE_LOAD_ERRORS.name()),
                                        duration(Recordings.RATE_WINDOW)), scope.by(Labels.ERROR_TYPE)))),
                        List.of("A bug in a recently deployed version (compare with process_start_time_seconds).",
                                "The scene directory or a scene file is broken (internal scene load errors).",
                                "Resource exhaustion: memory, file handles, event loop blocked."),
                        List.of("Find the failing endpoint, read the API log for its stack traces.",
                                "Roll back a recent deployment if the errors started with it.")))
                .tests(tests)
                .build();
    }

    private AlertRule latency(String name, Severity severity, LatencyQuantile q, double thresholdSeconds,
                                     double guard, Duration forDuration) {
        Duration at = firing(RATIO_ACTIVE, forDuration, Recordings.RATE_WINDOW);
        List<Double> bounds = Metrics.HTTP_REQUEST_DURATION.buckets();
        double slow = bounds.stream().filter(b -> b > thresholdSeconds).findFirst().orElseThrow();
        double fast = bounds.stream().filter(b -> b < thresholdSeconds).reduce((a, b) -> b).orElseThrow() * 0.9;
        List<Observation> slowTraffic = List.of(new Observation(slow * 1.2, 1));
        var endpointLabels = labels(test.job(), Labels.ENDPOINT, Traffic.ENDPOINT);
        double slowValue = Scenario.quantile(q.quantile(), bounds, slowTraffic);
        String pct = "p" + q.name().substring(1);
        List<AlertTest> tests = Scenario.cases(forDuration,
                () -> Traffic.timed(test.scenario("requests turned slow less than " + duration(forDuration) + " ago",
                        at), slowTraffic).beforeFor(pending(RATIO_ACTIVE), expect(endpointLabels, slowValue)),
                Traffic.timed(test.scenario("1 req/s, each taking " + Expr.num(slow * 1.2) + " s", at), slowTraffic)
                        .fires(at, expect(endpointLabels, slowValue)),
                Traffic.timed(test.scenario("1 req/s, each taking " + Expr.num(fast) + " s", at),
                        List.of(new Observation(fast, 1))).silent(Kind.BELOW_THRESHOLD, at),
                Traffic.timed(test.scenario("no requests at all", at), List.of(new Observation(slow * 1.2, 0)))
                        .silent(Kind.NO_TRAFFIC, at),
                Traffic.timed(test.scenario("a trickle below the volume guard, all slow", at),
                        List.of(new Observation(slow * 1.2, guard / 2))).silent(Kind.LOW_TRAFFIC, at));
        return AlertRule.builder(name)
                .group(AlertGroup.LATENCY).severity(severity).component(Component.LATENCY)
                .scope(scope)
                .forDuration(forDuration)
                .expr(and(gt(scope.select(q.jobEndpointRecord()), thresholdSeconds),
                        ge(scope.select(Recordings.JOB_ENDPOINT_REQUESTS_RATE), guard)))
                .summary("API " + pct + " latency above " + Humanize.DURATION.apply(thresholdSeconds) + ".")
                .description(pct + " latency of ", label(Labels.ENDPOINT), " is ", Humanize.DURATION,
                        " over the last " + duration(Recordings.RATE_WINDOW) + " (threshold "
                                + Humanize.DURATION.apply(thresholdSeconds) + ").")
                .runbook(new Runbook(
                        "The slowest requests to one endpoint take longer than " + Humanize.DURATION.apply(
                                thresholdSeconds) + ". Endpoints below " + Expr.num(guard)
                                + " req/s are not judged: a handful of requests makes a meaningless percentile.",
                        List.of(new Query(pct + " per endpoint", scope.select(q.jobEndpointRecord())),
                                new Query("request rate per endpoint", scope.select(Recordings.JOB_ENDPOINT_REQUESTS_RATE)),
                                new Query("scene load p99", histogramQuantile(0.99, sumBy(rate(
                                        scope.select(Metrics.SCENE_LOAD_DURATION.bucket()), duration(Recordings.RATE_WINDOW)),
                                        Labels.LE)))),
                        List.of("Large or complex scenes being loaded (scene load duration).",
                                "Blocking work on the event loop; GC pauses under memory pressure.",
                                "A slow disk under the scene directory."),
                        List.of("Open /debug/profile for the endpoint's slow requests and their phases.",
                                "Check memory and GC; reduce scene size or raise resources.")))
                .tests(tests)
                .build();
    }

}
