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
import java.util.stream.Stream;
import java.util.stream.Collectors;

/**
 * Multi-window, multi-burn-rate alerts on every SLO of the settings (SRE workbook, chapter 5): the page alert when
 * a fast burn would exhaust the compliance window's budget within days, the ticket alert when a slow burn would
 * within the window. Their tests are computed from the objective and the burn factors: just above each pair's
 * threshold fires, 0.9× the lowest threshold stays silent.
 */
final class SloAlerts {

    /** How far above a burn threshold the firing tests run, and how far below the silent one. */
    static final double JUST_ABOVE = 1.05;
    static final double JUST_BELOW = 0.9;

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
        ForDurations f = settings.forDurations();
        return settings.slos().stream().flatMap(slo -> Stream.of(
                burn(slo, Severity.CRITICAL, f.sloPage()),
                burn(slo, Severity.WARNING, f.sloTicket()))).toList();
    }

    /** {@code factor} times the sustainable bad-event ratio. */
    static double threshold(Slo slo, double factor) {
        return BigDecimal.valueOf(factor).multiply(BigDecimal.valueOf(slo.errorBudget())).doubleValue();
    }

    private AlertRule burn(Slo slo, Severity severity, Duration forDuration) {
        List<BurnRate> pairs = slo.burnRates(severity);
        String expr = pairs.stream().map(b -> paren(Expr.and(
                gt(SloRecordings.select(scope, slo, SloRecordings.sliError(b.longWindow())), threshold(slo, b.factor())),
                gt(SloRecordings.select(scope, slo, SloRecordings.sliError(b.shortWindow())),
                        threshold(slo, b.factor())))))
                .collect(Collectors.joining("\nor\n"));
        String windows = pairs.stream().map(b -> num(b.factor()) + "× over " + duration(b.longWindow()) + "/"
                + duration(b.shortWindow())).collect(Collectors.joining(" or "));
        String objective = slo.description().replaceAll("\\.$", "") + ", over " + duration(slo.window());
        return AlertRule.builder(slo.alert(severity))
                .group(AlertGroup.SLO).severity(severity).component(component(slo))
                .scope(scope)
                .forDuration(forDuration)
                .label(SloRecordings.SLO_LABEL, slo.name())
                .expr(expr)
                .summary("The " + slo.name() + " SLO burns its error budget "
                        + (severity == Severity.CRITICAL ? "fast." : "steadily."))
                .description(Humanize.PERCENTAGE, " of the events of the " + slo.name() + " SLO of ",
                        label(Labels.JOB), " were bad over the first long window that burns (" + windows
                                + "; objective: " + objective + ").")
                .runbook(new Runbook(
                        "The " + slo.name() + " SLO (" + objective + ") spends its error budget faster than "
                                + "sustainable: " + windows + " the budget rate. "
                                + (severity == Severity.CRITICAL
                                ? "At this pace the " + duration(slo.window()) + " budget is gone within days: act now."
                                : "At this pace the budget is gone before the window ends: plan a fix."),
                        List.of(new Query("bad-event ratio per window", pairs.stream()
                                        .map(b -> SloRecordings.select(scope, slo, SloRecordings.sliError(b.longWindow())))
                                        .collect(Collectors.joining(" or "))),
                                new Query("error budget left", SloRecordings.select(scope, slo,
                                        SloRecordings.ERROR_BUDGET_REMAINING))),
                        List.of("The causes of the related alerts of component " + component(slo).label()
                                        + ", at a lower but sustained level.",
                                "A deployment that degraded one endpoint."),
                        List.of("Find the endpoint or the cause that spends the budget; roll back or fix it.",
                                "Check whether the related seed alert fires too (same component).")))
                .tests(tests(slo, severity, forDuration))
                .build();
    }

    private static Component component(Slo slo) {
        return Stream.of(Component.values()).filter(c -> c.label().equals(slo.component())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("SLO " + slo.name() + ": unknown component "
                        + slo.component()));
    }

    private List<AlertTest> tests(Slo slo, Severity severity, Duration forDuration) {
        List<BurnRate> pairs = slo.burnRates(severity);
        double minFactor = pairs.stream().mapToDouble(BurnRate::factor).min().orElseThrow();
        Duration shortest = pairs.stream().map(BurnRate::shortWindow).min(Duration::compareTo).orElseThrow();
        Duration at = firing(RATIO_ACTIVE, forDuration, shortest);
        double first = JUST_ABOVE * threshold(slo, pairs.get(0).factor());
        double below = JUST_BELOW * threshold(slo, minFactor);
        List<AlertTest> tests = new ArrayList<>();
        tests.addAll(Scenario.cases(forDuration,
                () -> traffic(test.scenario("burning just above " + num(pairs.get(0).factor()) + "× for less than "
                        + duration(forDuration), at), slo, 1, first)
                        .beforeFor(pending(RATIO_ACTIVE), expect(test.job(), first))));
        for (BurnRate b : pairs) {
            double ratio = JUST_ABOVE * threshold(slo, b.factor());
            tests.add(traffic(test.scenario("burning at " + num(JUST_ABOVE) + " × " + num(b.factor())
                    + "× the budget rate (" + duration(b.longWindow()) + "/" + duration(b.shortWindow()) + ")", at),
                    slo, 1, ratio).fires(at, expect(test.job(), ratio)));
        }
        tests.add(traffic(test.scenario("burning at " + num(JUST_BELOW) + " × " + num(minFactor) + "×", at),
                slo, 1, below).silent(Kind.BELOW_THRESHOLD, at));
        tests.add(traffic(test.scenario("no events at all", at), slo, 0, 0).silent(Kind.NO_TRAFFIC, at));
        if (isHttpErrors(slo)) {
            tests.add(recovered(pairs));
        }
        return tests;
    }

    static boolean isHttpErrors(Slo slo) {
        return slo.sli() instanceof Slo.Events e && e.bad().metric().equals(Metrics.HTTP_REQUESTS.name());
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

    /**
     * Events at {@code perSecond}, a share {@code badShare} of them bad for the SLO: the test traffic of each
     * metric an SLI can read. An SLO on another metric needs its traffic here first.
     */
    static Scenario traffic(Scenario s, Slo slo, double perSecond, double badShare) {
        if (slo.sli() instanceof Slo.Latency l) {
            List<Double> bounds = l.histogram().buckets();
            double objective = l.thresholdSeconds();
            double slow = bounds.stream().filter(b -> b > objective).findFirst().orElseThrow() * 1.2;
            double fast = bounds.stream().filter(b -> b < objective).reduce((a, b) -> b).orElseThrow() * 0.9;
            return Traffic.timed(s, List.of(new Observation(fast, perSecond * (1 - badShare)),
                    new Observation(slow, perSecond * badShare)));
        }
        if (isHttpErrors(slo)) {
            return Traffic.requests(s, perSecond, badShare);
        }
        if (((Slo.Events) slo.sli()).bad().metric().equals(Metrics.SCENE_LOAD_ERRORS.name())) {
            return Traffic.scenes(s, perSecond, badShare);
        }
        throw new IllegalArgumentException("no test traffic for the SLI of SLO " + slo.name());
    }

}
