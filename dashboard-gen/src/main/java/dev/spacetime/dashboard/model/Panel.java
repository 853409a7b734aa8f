package dev.spacetime.dashboard.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** An entry of the dashboard's {@code panels}: a row header or a visualisation. */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({@JsonSubTypes.Type(Row.class), @JsonSubTypes.Type(Visualization.class)})
public sealed interface Panel permits Row, Visualization {

    int id();

    String title();

    GridPos gridPos();

    /** Grafana panel plugin id ({@code row}, {@code timeseries}, {@code stat}...). */
    String type();
}
