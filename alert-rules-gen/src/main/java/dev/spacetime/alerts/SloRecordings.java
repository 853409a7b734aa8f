package dev.spacetime.alerts;

import static dev.spacetime.alerts.promql.Expr.num;
import static dev.spacetime.alerts.promql.Expr.paren;
import static dev.spacetime.catalog.PromQL.eq;
import static dev.spacetime.catalog.PromQL.rate;
import static dev.spacetime.catalog.PromQL.sumBy;
import static dev.spacetime.settings.PromDuration.duration;

import dev.spacetime.alerts.model.RecordingRule;
import dev.spacetime.alerts.model.Rule;
import dev.spacetime.alerts.model.RuleGroup;
import dev.spacetime.alerts.promql.Expr;
import dev.spacetime.catalog.Labels;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Slo;
import dev.spacetime.settings.Slo.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The recordings of every SLO, named as Sloth names them: one series name per quantity for all SLOs, told apart by
 * the {@code slo} label (and the scope's labels), so a dashboard or an ad-hoc query reads every objective the same
 * way. {@code slo:sli_error:ratio_rate<window>} is the share of bad events over each window an alert or the budget
 * reads; {@code slo:objective:ratio} the objective; {@code slo:error_budget_remaining:ratio} the share of the
 * compliance window's budget not yet spent (1 untouched, 0 used up, negative overspent);
 * {@code slo:current_burn_rate:ratio} how many times faster than sustainable the budget burns over the shortest
 * window.
 */
public final class SloRecordings {

    /** The label naming the SLO of a recorded series or alert. */
    public static final String SLO_LABEL = "slo";
    public static final String OBJECTIVE = "slo:objective:ratio";
    public static final String ERROR_BUDGET_REMAINING = "slo:error_budget_remaining:ratio";
    public static final String CURRENT_BURN_RATE = "slo:current_burn_rate:ratio";

    /** {@code slo:sli_error:ratio_rate1h}: the share of bad events over {@code window}. */
    public static String sliError(Duration window) {
        return "slo:sli_error:ratio_rate" + duration(window);
    }

    /** {@code record{<scope>, slo="<name>"}}: one SLO's series of a recording. */
    public static String select(Scope scope, Slo slo, String record) {
        return scope.select(record, eq(SLO_LABEL, slo.name()));
    }

    /** One group per SLO. */
    static List<RuleGroup> groups(Scope scope, List<Slo> slos) {
        return slos.stream().map(slo -> group(scope, slo)).toList();
    }

    private static RuleGroup group(Scope scope, Slo slo) {
        Map<String, String> labels = Map.of(SLO_LABEL, slo.name());
        List<Rule> rules = new ArrayList<>();
        for (Duration w : slo.windows()) {
            rules.add(new RecordingRule(sliError(w), errorRatio(scope, slo.sli(), duration(w)), labels));
        }
        Map<String, String> objectiveLabels = new LinkedHashMap<>(scope.labels());
        objectiveLabels.putAll(labels);
        rules.add(new RecordingRule(OBJECTIVE, "vector(" + num(slo.objective()) + ")", objectiveLabels));
        String budget = num(slo.errorBudget());
        rules.add(new RecordingRule(ERROR_BUDGET_REMAINING,
                "1 - " + select(scope, slo, sliError(slo.window())) + " / " + budget, labels));
        rules.add(new RecordingRule(CURRENT_BURN_RATE,
                select(scope, slo, sliError(slo.shortestWindow())) + " / " + budget, labels));
        return new RuleGroup("spacetime_api.slo_" + slo.name(), rules);
    }

    /** No events in the window: no ratio rather than 0/0 = NaN (the dashboard then says "no events"). */
    private static String errorRatio(Scope scope, Slo.Sli sli, String window) {
        String[] by = scope.by();
        if (sli instanceof Slo.Events e) {
            // "or … * 0": a labelled counter has no series before its first event; its rate is then 0, not absent.
            String first = sumBy(rate(selector(scope, e.total().get(0)), window), by);
            String bad = paren(Expr.or(sumBy(rate(selector(scope, e.bad()), window), by), first + " * 0"));
            String total = Stream.concat(Stream.of(first), e.total().stream().skip(1)
                    .map(s -> paren(Expr.or(sumBy(rate(selector(scope, s), window), by), first + " * 0"))))
                    .collect(Collectors.joining("\n+\n"));
            return bad + "\n/\n" + paren(paren(total) + " > 0");
        }
        Slo.Latency l = (Slo.Latency) sli;
        List<String> good = new ArrayList<>(l.matchers());
        good.add(eq(Labels.LE, Expr.leLabel(l.thresholdSeconds())));
        return "1 - " + paren(sumBy(rate(scope.select(l.histogram().bucket(), good.toArray(String[]::new)), window), by)
                + "\n/\n" + paren(sumBy(rate(scope.select(l.histogram().count(),
                l.matchers().toArray(String[]::new)), window), by) + " > 0"));
    }

    private static String selector(Scope scope, Selector s) {
        return scope.select(s.metric(), s.matchers().toArray(String[]::new));
    }

    private SloRecordings() {
    }
}
