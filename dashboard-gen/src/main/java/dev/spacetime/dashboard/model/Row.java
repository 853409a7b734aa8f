package dev.spacetime.dashboard.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A row header spanning the grid. Expanded rows keep their panels at the top level after them, so {@code panels}
 * stays empty; it only holds panels of a collapsed row.
 */
@JsonIgnoreProperties(value = "type", allowGetters = true)
public record Row(boolean collapsed, GridPos gridPos, int id, List<Panel> panels, String title) implements Panel {

    public Row {
        panels = List.copyOf(panels);
    }

    @Override
    @JsonProperty("type")
    public String type() {
        return "row";
    }
}
