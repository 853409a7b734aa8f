package dev.spacetime.dashboard.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code options} of a panel. The record type decides the panel's {@code type}, so a stat can never carry
 * time series options. Read back by their distinct property names (Grafana stores no type inside options).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
        @JsonSubTypes.Type(PanelOptions.TimeSeries.class),
        @JsonSubTypes.Type(PanelOptions.Stat.class),
        @JsonSubTypes.Type(PanelOptions.Gauge.class),
        @JsonSubTypes.Type(PanelOptions.BarGauge.class),
        @JsonSubTypes.Type(PanelOptions.PieChart.class),
        @JsonSubTypes.Type(PanelOptions.Table.class)})
public sealed interface PanelOptions {

    /** Grafana panel plugin id. */
    @JsonIgnore
    String panelType();

    record TimeSeries(Legend legend, Tooltip tooltip) implements PanelOptions {
        public String panelType() {
            return "timeseries";
        }
    }

    /**
     * @param colorMode  {@code value} or {@code background}
     * @param graphMode  {@code area} draws a sparkline, {@code none} does not
     * @param textMode   {@code auto}, {@code value}, {@code value_and_name}
     */
    record Stat(Reduce reduceOptions, String colorMode, String graphMode, String justifyMode, String orientation,
                String textMode) implements PanelOptions {
        public String panelType() {
            return "stat";
        }
    }

    record Gauge(Reduce reduceOptions, String orientation, boolean showThresholdLabels,
                 boolean showThresholdMarkers) implements PanelOptions {
        public String panelType() {
            return "gauge";
        }
    }

    /** @param displayMode {@code gradient}, {@code lcd} or {@code basic} */
    record BarGauge(Reduce reduceOptions, String displayMode, String orientation, boolean showUnfilled)
            implements PanelOptions {
        public String panelType() {
            return "bargauge";
        }
    }

    /** @param pieType {@code pie} or {@code donut} */
    record PieChart(Reduce reduceOptions, List<String> displayLabels, Legend legend, String pieType)
            implements PanelOptions {
        public PieChart {
            displayLabels = List.copyOf(displayLabels);
        }

        public String panelType() {
            return "piechart";
        }
    }

    record Table(String cellHeight, boolean showHeader) implements PanelOptions {
        public String panelType() {
            return "table";
        }
    }

    /**
     * @param calcs  reducers shown in a table legend
     */
    record Legend(List<Reducer> calcs, LegendMode displayMode, LegendPlacement placement, boolean showLegend) {
        public Legend {
            calcs = List.copyOf(calcs);
        }
    }

    enum LegendMode {
        @JsonProperty("list") LIST,
        @JsonProperty("table") TABLE
    }

    enum LegendPlacement {
        @JsonProperty("bottom") BOTTOM,
        @JsonProperty("right") RIGHT
    }

    /** @param mode {@code single} or {@code multi}; @param sort {@code none}, {@code asc}, {@code desc} */
    record Tooltip(String mode, String sort) {
    }

    /**
     * @param values false: reduce each series to one value ({@code calcs}); true would show every row
     * @param fields which fields to reduce; empty means numeric fields
     */
    record Reduce(List<Reducer> calcs, String fields, boolean values) {
        public Reduce {
            calcs = List.copyOf(calcs);
        }

        public static Reduce by(Reducer reducer) {
            return new Reduce(List.of(reducer), "", false);
        }
    }
}
