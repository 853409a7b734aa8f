package dev.spacetime.dashboard;

import dev.spacetime.dashboard.model.FieldConfig;
import dev.spacetime.dashboard.model.ThresholdSteps;
import dev.spacetime.dashboard.model.ValueMapping;
import java.util.List;
import java.util.Objects;

/**
 * What a panel's values mean: unit, thresholds, range, mappings. {@link Panels} turns it into Grafana field
 * defaults with the colour mode and style its visualisation needs.
 */
record FieldSpec(String unit, ThresholdSteps thresholds, Double min, Double max, Integer decimals,
                 List<ValueMapping> mappings, String noValue) {

    FieldSpec {
        Objects.requireNonNull(unit);
        Objects.requireNonNull(thresholds);
        mappings = List.copyOf(mappings);
    }

    /** Values in Grafana unit {@code unit}, one neutral colour. */
    static FieldSpec unit(String unit) {
        return new FieldSpec(unit, ThresholdSteps.base("green"), null, null, null, List.of(), null);
    }

    FieldSpec thresholds(ThresholdSteps t) {
        return new FieldSpec(unit, t, min, max, decimals, mappings, noValue);
    }

    FieldSpec range(double lowest, double highest) {
        return new FieldSpec(unit, thresholds, lowest, highest, decimals, mappings, noValue);
    }

    FieldSpec decimals(int d) {
        return new FieldSpec(unit, thresholds, min, max, d, mappings, noValue);
    }

    FieldSpec mappings(ValueMapping... m) {
        return new FieldSpec(unit, thresholds, min, max, decimals, List.of(m), noValue);
    }

    /** What the panel says when its query returns nothing (a ratio or quantile of no traffic, see Queries). */
    FieldSpec noValue(String text) {
        return new FieldSpec(unit, thresholds, min, max, decimals, mappings, text);
    }

    FieldConfig.Defaults defaults(FieldConfig.ColorMode colorMode, FieldConfig.GraphStyle style) {
        return new FieldConfig.Defaults(new FieldConfig.Color(colorMode), style, decimals, mappings, max, min,
                thresholds, unit, noValue);
    }

    /** True when the thresholds say something (more than the base colour), worth drawing into a graph. */
    boolean hasThresholds() {
        return thresholds.steps().size() > 1;
    }
}
