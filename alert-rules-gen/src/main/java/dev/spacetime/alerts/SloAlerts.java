package dev.spacetime.alerts;

import static dev.spacetime.alerts.model.Template.label;
import static dev.spacetime.alerts.promql.Expr.gt;
import static dev.spacetime.alerts.promql.Expr.num;
import static dev.spacetime.alerts.promql.Expr.paren;
import static dev.spacetime.alerts.scenario.Scenario.RATIO_ACTIVE;
import static dev.spacetime.alerts.scenario.Scenario.expect;
import static dev.spacetime.alerts.scenario.Scenario.firing;
import static dev.spacetime.alerts.scenario.Scenario.pending;
import static dev.spacetime.settings.PromDuration.duration;

import dev.spacetime.alerts.model.AlertGroup;
import dev.spacetime.alerts.model.AlertRule;
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
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.settings.ForDurations;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import dev.spacetime.settings.Slo.BurnRate;
import dev.spacetime.settings.Slo;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Multi-window, multi-burn-rate alerts on the availability and latency SLOs (SRE workbook, chapter 5): critical
 * when a fast burn would exhaust the 30-day budget within days, warning when a slow burn would within the period.
 */
final class SloAlerts {

    /** The label naming the SLO an alert is about. */
    static final String SLO_LABEL = "slo";

    /** Which objective. */
    private enum Objective {
        AVAILABILITY(Component.AVAILABILITY, "answered 5xx"),
        LATENCY(Component.LATENCY, "slower than the objective");

        private final Component component;
        private final String bad;

        Objective(Component component, String bad) {
            this.component = component;
            this.bad = bad;
        }
    }

    private final Settings settings;
    private final Scope scope;
    private final TestTargets test;

    private SloAlerts(Settings settings) {
        this.settings = settings;
        this.scope = settings.scope();
        this.test = TestTargets.of(settings);
    }

    static List<AlertRule> alerts(Settings settings) {
        return new SloAlerts(settings).all();
    }

    private List<AlertRule> all() {
        Slo slo = settings.slo();
        ForDurations f = settings.forDurations();
        return List.of(
                burn("AvailabilitySLOFastBurn", slo, Objective.AVAILABILITY, Severity.CRITICAL, f.sloPage()),
                burn("AvailabilitySLOSlowBurn", slo, Objective.AVAILABILITY, Severity.WARNING, f.sloTicket()),
                burn("LatencySLOFastBurn", slo, Objective.LATENCY, Severity.CRITICAL, f.sloPage()),
                burn("LatencySLOSlowBurn", slo, Objective.LATENCY, Severity.WARNING, f.sloTicket()));
    }

    private AlertRule burn(String name, Slo slo, Objective o, Severity severity, Duration forDuration) {
        List<BurnRate> pairs = slo.burnRates(severity);
        BigDecimal budget = BigDecimal.ONE.subtract(BigDecimal.valueOf(
                o == Objective.AVAILABILITY ? slo.availabilityTarget() : slo.latencyTarget()));
        Function<Duration, String> ratio = o == Objective.AVAILABILITY ? Recordings::errorRatio : Recordings::slowRatio;
        String expr = pairs.stream().map(b -> {
            double threshold = BigDecimal.valueOf(b.factor()).multiply(budget).doubleValue();
            return paren(Expr.and(gt(scope.select(ratio.apply(b.longWindow())), threshold),
                    gt(scope.select(ratio.apply(b.shortWindow())), threshold)));
        }).collect(Collectors.joining("\nor\n"));
        String windows = pairs.stream().map(b -> num(b.factor()) + "× over " + duration(b.longWindow()) + "/"
                + duration(b.shortWindow())).collect(Collectors.joining(" or "));
        String objective = o == Objective.AVAILABILITY
                ? num(slo.availabilityTarget() * 100) + " % of requests without a 5xx"
                : num(slo.latencyTarget() * 100) + " % of requests within "
                        + Humanize.DURATION.apply(slo.latencyThresholdSeconds());
        return AlertRule.builder(name)
                .group(AlertGroup.SLO).severity(severity).component(o.component)
                .forDuration(forDuration)
                .label(SLO_LABEL, o.name().toLowerCase(Locale.ROOT))
                .expr(expr)
                .summary("The API burns its " + o.name().toLowerCase(Locale.ROOT) + " error budget "
                        + (severity == Severity.CRITICAL ? "fast." : "steadily."))
                .description(Humanize.PERCENTAGE, " of requests to ", label(Labels.JOB), " were " + o.bad
                        + " over the first long window that burns (" + windows + "; objective " + objective + ").")
                .runbook(new Runbook(
                        "The API spends its error budget (objective: " + objective + ") faster than "
                                + "sustainable: " + windows + " the budget rate. "
                                + (severity == Severity.CRITICAL
                                ? "At this pace the 30-day budget is gone within days: act now."
                                : "At this pace the budget is gone before the period ends: plan a fix."),
                        List.of(new Query("bad-request ratio per window", pairs.stream()
                                        .map(b -> scope.select(ratio.apply(b.longWindow()))).collect(Collectors.joining(
                                                " or "))),
                                new Query(o == Objective.AVAILABILITY ? "error ratio per endpoint"
                                        : "p99 latency per endpoint", o == Objective.AVAILABILITY
                                        ? scope.select(Recordings.JOB_ENDPOINT_ERROR_RATIO)
                                        : scope.select(Recordings.LatencyQuantile.P99.jobEndpointRecord()))),
                        List.of("The causes of " + (o == Objective.AVAILABILITY ? "HighHTTPErrorRate"
                                        : "SlowRequestLatency") + ", at a lower but sustained level.",
                                "A deployment that degraded one endpoint."),
                        List.of("Find the endpoint that spends the budget; roll back or fix it.",
                                "Check whether the related seed alert fires too (same component).")))
                .tests(tests(slo, o, severity, budget.doubleValue(), forDuration))
                .build();
    }

    private List<AlertTest> tests(Slo slo, Objective o, Severity severity, double budget, Duration forDuration) {
        List<BurnRate> pairs = slo.burnRates(severity);
        double maxFactor = pairs.stream().mapToDouble(BurnRate::factor).max().orElseThrow();
        double minFactor = pairs.stream().mapToDouble(BurnRate::factor).min().orElseThrow();
        Duration shortest = pairs.stream().map(BurnRate::shortWindow).min(Duration::compareTo).orElseThrow();
        Duration at = firing(RATIO_ACTIVE, forDuration, shortest);
        double burning = maxFactor * budget * 1.5;
        double fine = minFactor * budget / 2;
        List<AlertTest> tests = new ArrayList<>(Scenario.cases(forDuration,
                () -> traffic(test.scenario("burning at " + num(maxFactor * 1.5) + "× for less than "
                        + duration(forDuration), at), o, slo, 1, burning)
                        .beforeFor(pending(RATIO_ACTIVE), expect(test.job(), burning)),
                traffic(test.scenario("burning at " + num(maxFactor * 1.5) + "× the budget rate", at),
                        o, slo, 1, burning)
                        .fires(at, expect(test.job(), burning)),
                traffic(test.scenario("burning at " + num(minFactor / 2) + "×", at), o, slo, 1, fine)
                        .silent(Kind.BELOW_THRESHOLD, at),
                traffic(test.scenario("no requests at all", at), o, slo, 0, 0).silent(Kind.NO_TRAFFIC, at)));
        if (o == Objective.AVAILABILITY) {
            tests.add(recovered(pairs));
        }
        return tests;
    }

    /**
     * Half the requests failed for 10 minutes, then none for longer than the longest short window: every long
     * window is still far over its threshold, every short window clean, so the alert has reset.
     */
    private AlertTest recovered(List<BurnRate> pairs) {
        Duration bad = Duration.ofMinutes(10);
        Duration clean = pairs.stream().map(BurnRate::shortWindow).max(Duration::compareTo).orElseThrow()
                .plus(Duration.ofMinutes(5));
        Duration at = bad.plus(clean);
        return Traffic.requestsRecovering(test.scenario("50 % errors for " + duration(bad) + ", none for the last "
                + duration(clean), at, Duration.ofMinutes(1)), 1, 0.5, bad).silent(Kind.RECOVERED, at);
    }

    /** Requests at {@code perSecond}, a share {@code badShare} of them bad for the objective. */
    private Scenario traffic(Scenario s, Objective o, Slo slo, double perSecond, double badShare) {
        if (o == Objective.AVAILABILITY) {
            return Traffic.requests(s, perSecond, badShare);
        }
        List<Double> bounds = Metrics.HTTP_REQUEST_DURATION.buckets();
        double objective = slo.latencyThresholdSeconds();
        double slow = bounds.stream().filter(b -> b > objective).findFirst().orElseThrow() * 1.2;
        double fast = bounds.stream().filter(b -> b < objective).reduce((a, b) -> b).orElseThrow() * 0.9;
        return Traffic.timed(s, List.of(new Observation(fast, perSecond * (1 - badShare)),
                new Observation(slow, perSecond * badShare)));
    }

}
