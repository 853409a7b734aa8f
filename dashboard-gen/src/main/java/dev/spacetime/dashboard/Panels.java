package dev.spacetime.dashboard;

import dev.spacetime.dashboard.model.DataSourceRef;
import dev.spacetime.dashboard.model.FieldConfig;
import dev.spacetime.dashboard.model.FieldConfig.ColorMode;
import dev.spacetime.dashboard.model.PanelOptions;
import dev.spacetime.dashboard.model.PanelOptions.Legend;
import dev.spacetime.dashboard.model.PanelOptions.LegendMode;
import dev.spacetime.dashboard.model.PanelOptions.LegendPlacement;
import dev.spacetime.dashboard.model.PanelOptions.Reduce;
import dev.spacetime.dashboard.model.Reducer;
import dev.spacetime.dashboard.model.Target;
import dev.spacetime.dashboard.model.Visualization;
import java.util.ArrayList;
import java.util.List;

/**
 * Panel factories with this dashboard's conventions: every query through the {@code datasource} variable, refIds
 * A, B, C..., palette colours for series, threshold colours for single values. Panels come out unplaced (id 0,
 * no grid position); {@link dev.spacetime.dashboard.layout.GridLayout} places them.
 */
final class Panels {

    /** One query of a panel and its legend (Prometheus label templates like {@code {{endpoint}}}). */
    record Query(String expr, String legend, boolean exemplars) {
    }

    static Query q(String expr, String legend) {
        return new Query(expr, legend, false);
    }

    /** A query of a histogram whose exemplars (requests with their flame graph) are drawn as well. */
    static Query withExemplars(Query q) {
        return new Query(q.expr(), q.legend(), true);
    }

    private static final Legend BOTTOM_LIST = new Legend(List.of(), LegendMode.LIST, LegendPlacement.BOTTOM, true);

    private static final Legend TABLE_WITH_STATS =
            new Legend(List.of(Reducer.MEAN, Reducer.MAX, Reducer.LAST_NOT_NULL), LegendMode.TABLE,
                    LegendPlacement.BOTTOM, true);

    /** Lines over time; thresholds, when given, are drawn into the graph. */
    static Visualization timeseries(String title, String description, FieldSpec field, Query... queries) {
        var options = new PanelOptions.TimeSeries(queries.length > 1 ? TABLE_WITH_STATS : BOTTOM_LIST,
                new PanelOptions.Tooltip("multi", "desc"));
        return panel(title, description, options,
                field.defaults(ColorMode.PALETTE_CLASSIC, FieldConfig.GraphStyle.lines(field.hasThresholds())),
                List.of(), targets(Target::range, queries));
    }

    /** Big number(s), last value of each query, with a sparkline. */
    static Visualization stat(String title, String description, FieldSpec field, Query... queries) {
        var options = new PanelOptions.Stat(Reduce.by(Reducer.LAST_NOT_NULL), "value", "area", "auto", "auto",
                queries.length > 1 ? "value_and_name" : "auto");
        return panel(title, description, options, field.defaults(ColorMode.THRESHOLDS, null), List.of(),
                targets(Target::range, queries));
    }

    /** A dial between the field's min and max, showing the threshold bands. */
    static Visualization gauge(String title, String description, FieldSpec field, Query query) {
        var options = new PanelOptions.Gauge(Reduce.by(Reducer.LAST_NOT_NULL), "auto", false, true);
        return panel(title, description, options, field.defaults(ColorMode.THRESHOLDS, null), List.of(),
                targets(Target::instant, query));
    }

    /** Horizontal bars, one per series of an instant query (a ranking). */
    static Visualization barGauge(String title, String description, FieldSpec field, Query query) {
        var options = new PanelOptions.BarGauge(Reduce.by(Reducer.LAST_NOT_NULL), "gradient", "horizontal", true);
        return panel(title, description, options, field.defaults(ColorMode.THRESHOLDS, null), List.of(),
                targets(Target::instant, query));
    }

    /** Shares of a whole: each series reduced over the time range with {@code reducer}. */
    static Visualization pieChart(String title, String description, FieldSpec field, Reducer reducer, Query query) {
        var options = new PanelOptions.PieChart(Reduce.by(reducer), List.of("percent"),
                new Legend(List.of(), LegendMode.TABLE, LegendPlacement.RIGHT, true), "donut");
        return panel(title, description, options, field.defaults(ColorMode.PALETTE_CLASSIC, null), List.of(),
                targets(Target::range, query));
    }

    /** One row per series of an instant query, labels as columns; {@code hidden} columns left out. */
    static Visualization table(String title, String description, FieldSpec field, List<String> hidden, String expr) {
        var overrides = hidden.stream().map(FieldConfig.Override::hide).toList();
        return panel(title, description, new PanelOptions.Table("sm", true),
                field.defaults(ColorMode.THRESHOLDS, null), overrides, List.of(Target.table("A", expr)));
    }

    private static Visualization panel(String title, String description, PanelOptions options,
                                       FieldConfig.Defaults defaults, List<FieldConfig.Override> overrides,
                                       List<Target> targets) {
        return new Visualization(DataSourceRef.VARIABLE, description, new FieldConfig(defaults, overrides), null, 0,
                options, targets, title);
    }

    /** {@link Target#range} or {@link Target#instant}. */
    private interface TargetKind {
        Target make(String refId, String expr, String legend);
    }

    private static List<Target> targets(TargetKind kind, Query... queries) {
        var targets = new ArrayList<Target>();
        for (int i = 0; i < queries.length; i++) {
            Target target = kind.make(String.valueOf((char) ('A' + i)), queries[i].expr(), queries[i].legend());
            targets.add(queries[i].exemplars() ? target.withExemplars() : target);
        }
        return targets;
    }

    private Panels() {
    }
}
