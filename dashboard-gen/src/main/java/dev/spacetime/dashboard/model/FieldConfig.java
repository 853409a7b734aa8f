package dev.spacetime.dashboard.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/** A panel's field configuration: defaults for every field and per-field overrides. */
public record FieldConfig(Defaults defaults, List<Override> overrides) {

    public FieldConfig {
        Objects.requireNonNull(defaults);
        overrides = List.copyOf(overrides);
    }

    /**
     * @param custom   visualisation-specific style (time series only here)
     * @param decimals fixed decimals, or null for automatic
     * @param unit     Grafana unit id: {@code reqps}, {@code percentunit}, {@code s}, {@code bytes}...
     * @param noValue  text shown when the query returns no series, or null for Grafana's "No data"
     */
    public record Defaults(Color color, GraphStyle custom, Integer decimals, List<ValueMapping> mappings, Double max,
                           Double min, ThresholdSteps thresholds, String unit, String noValue) {

        public Defaults {
            Objects.requireNonNull(color);
            mappings = List.copyOf(mappings);
            Objects.requireNonNull(thresholds);
        }
    }

    public record Color(ColorMode mode) {
    }

    public enum ColorMode {
        /** Colour by the threshold step the value falls in. */
        @JsonProperty("thresholds") THRESHOLDS,
        /** One palette colour per series. */
        @JsonProperty("palette-classic") PALETTE_CLASSIC
    }

    /** Line style of a time series panel; {@code thresholdsStyle} draws the thresholds into the graph. */
    public record GraphStyle(String drawStyle, int fillOpacity, int lineWidth, String showPoints, boolean spanNulls,
                             ThresholdsStyle thresholdsStyle) {

        public static GraphStyle lines(boolean showThresholds) {
            return new GraphStyle("line", 10, 1, "never", false,
                    new ThresholdsStyle(showThresholds ? "line+area" : "off"));
        }
    }

    public record ThresholdsStyle(String mode) {
    }

    /** Properties applied to the fields a matcher selects. */
    public record Override(Matcher matcher, List<Property> properties) {

        public Override {
            properties = List.copyOf(properties);
        }

        /** Hides the named column of a table. */
        public static Override hide(String fieldName) {
            return new Override(new Matcher("byName", fieldName), List.of(new Property("custom.hidden", true)));
        }
    }

    public record Matcher(String id, String options) {
    }

    public record Property(String id, Object value) {
    }
}
