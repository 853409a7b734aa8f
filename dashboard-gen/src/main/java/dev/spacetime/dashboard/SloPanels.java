package dev.spacetime.dashboard;

import static dev.spacetime.dashboard.Panels.q;
import static dev.spacetime.dashboard.layout.GridLayout.cell;
import static dev.spacetime.settings.PromDuration.duration;

import dev.spacetime.alerts.SloRecordings;
import dev.spacetime.catalog.PromQL;
import dev.spacetime.dashboard.layout.GridLayout.Cell;
import dev.spacetime.dashboard.layout.GridLayout.Section;
import dev.spacetime.dashboard.model.ThresholdSteps;
import dev.spacetime.dashboard.model.Visualization;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Severity;
import dev.spacetime.settings.Slo;
import dev.spacetime.settings.Slo.BurnRate;
import java.util.List;

/**
 * The "Service level objectives" row: per SLO of the settings, the error budget left over its compliance window,
 * the SLI against its objective, and the current burn rate, each read from the SLO recordings. Those are recorded
 * per job (an SLO is the service's, not an instance's), so the panels follow the job (and cluster) variables; the
 * instance variable does not narrow them.
 */
final class SloPanels {

    static final String TITLE = "Service level objectives";

    private final Scope scope;

    SloPanels(Scope scope) {
        this.scope = scope;
    }

    Section section(List<Slo> slos) {
        return Section.of(TITLE, slos.stream().flatMap(slo -> List.of(
                cell(6, 6, budget(slo)), cell(9, 6, sli(slo)), cell(9, 6, burnRate(slo))).stream())
                .toArray(Cell[]::new));
    }

    /**
     * Red once the budget is spent, yellow once less is left than the slowest ticket pair spends over its long
     * window (1× over 3d of 30d: 10 %), green above.
     */
    static ThresholdSteps budgetSteps(Slo slo) {
        BurnRate slowest = slo.burnRates(Severity.WARNING).stream()
                .max((a, b) -> Double.compare(spent(slo, a), spent(slo, b))).orElseThrow();
        return ThresholdSteps.base("red").then(0, "yellow").then(spent(slo, slowest), "green");
    }

    /** Share of the window's budget a pair spends by the time its long window has burned at its factor. */
    private static double spent(Slo slo, BurnRate b) {
        return b.factor() * b.longWindow().toSeconds() / (double) slo.window().toSeconds();
    }

    /** Burn rate: yellow from the lowest ticket factor, red from the lowest page factor. */
    static ThresholdSteps burnRateSteps(Slo slo) {
        return ThresholdSteps.base("green").then(lowest(slo, Severity.WARNING), "yellow")
                .then(lowest(slo, Severity.CRITICAL), "red");
    }

    private static double lowest(Slo slo, Severity s) {
        return slo.burnRates(s).stream().mapToDouble(BurnRate::factor).min().orElseThrow();
    }

    Visualization budget(Slo slo) {
        return Panels.stat("Error budget left: " + slo.name(), slo.description() + " Share of the "
                        + duration(slo.window()) + " error budget not yet spent (negative: the objective is missed).",
                FieldSpec.unit("percentunit").thresholds(budgetSteps(slo)).decimals(1).noValue("no events"),
                q(select(slo, SloRecordings.ERROR_BUDGET_REMAINING), slo.name()));
    }

    Visualization sli(Slo slo) {
        String window = duration(slo.shortestWindow());
        return Panels.timeseries("SLI vs objective: " + slo.name(), "Share of good events over " + window
                        + " against the objective " + Math.round(slo.objective() * 1000) / 10.0 + " %.",
                FieldSpec.unit("percentunit").decimals(3).noValue("no events"),
                q("1 - " + select(slo, SloRecordings.sliError(slo.shortestWindow())), "SLI (" + window + ")"),
                q(select(slo, SloRecordings.OBJECTIVE), "objective"));
    }

    Visualization burnRate(Slo slo) {
        return Panels.timeseries("Burn rate: " + slo.name(), "How many times faster than sustainable the error "
                        + "budget burns over " + duration(slo.shortestWindow()) + "; the alerts page from "
                        + lowest(slo, Severity.CRITICAL) + "× and open a ticket from " + lowest(slo, Severity.WARNING)
                        + "× (sustained over their windows).",
                FieldSpec.unit("suffix:×").thresholds(burnRateSteps(slo)).noValue("no events"),
                q(select(slo, SloRecordings.CURRENT_BURN_RATE), "burn rate"));
    }

    private String select(Slo slo, String record) {
        return PromQL.select(record, Queries.jobFilter(scope, PromQL.eq(SloRecordings.SLO_LABEL, slo.name())));
    }
}
