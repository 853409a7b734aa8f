package dev.spacetime.dashboard.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * Threshold steps, lowest first. The first step is the base: its value is {@code null} (minus infinity), which
 * Grafana needs written out.
 */
public record ThresholdSteps(Mode mode, List<Step> steps) {

    public enum Mode {
        @JsonProperty("absolute") ABSOLUTE,
        @JsonProperty("percentage") PERCENTAGE
    }

    /** From {@code value} upwards (until the next step) the colour is {@code color}. */
    public record Step(String color, @JsonInclude(JsonInclude.Include.ALWAYS) Double value) {
    }

    public ThresholdSteps {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.get(0).value() != null) {
            throw new IllegalArgumentException("the first threshold step is the base and has no value");
        }
        for (int i = 1; i < steps.size(); i++) {
            Double value = steps.get(i).value();
            if (value == null || (i > 1 && value <= steps.get(i - 1).value())) {
                throw new IllegalArgumentException("threshold steps after the base must ascend: " + steps);
            }
        }
    }

    /** One colour for every value; add steps with {@link #then}. */
    public static ThresholdSteps base(String color) {
        return new ThresholdSteps(Mode.ABSOLUTE, List.of(new Step(color, null)));
    }

    /** From {@code value} upwards the colour is {@code color}: {@code base("green").then(0.01, "yellow")}. */
    public ThresholdSteps then(double value, String color) {
        var more = new ArrayList<>(steps);
        more.add(new Step(color, value));
        return new ThresholdSteps(mode, more);
    }
}
