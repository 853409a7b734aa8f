package dev.spacetime.dashboard.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/** A panel that draws query results. Its {@code type} follows from its options. */
@JsonIgnoreProperties(value = "type", allowGetters = true)
public record Visualization(DataSourceRef datasource, String description, FieldConfig fieldConfig, GridPos gridPos,
                            int id, PanelOptions options, List<Target> targets, String title) implements Panel {

    public Visualization {
        Objects.requireNonNull(datasource);
        Objects.requireNonNull(fieldConfig);
        Objects.requireNonNull(options);
        targets = List.copyOf(targets);
        Objects.requireNonNull(title);
    }

    @Override
    @JsonProperty("type")
    public String type() {
        return options.panelType();
    }

    /** This panel at a place on the grid, with its dashboard-wide id. */
    public Visualization placed(int newId, GridPos pos) {
        return new Visualization(datasource, description, fieldConfig, pos, newId, options, targets, title);
    }
}
