package dev.spacetime.dashboard.layout;

import static dev.spacetime.dashboard.layout.GridLayout.cell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.dashboard.layout.GridLayout.Section;
import dev.spacetime.dashboard.model.DataSourceRef;
import dev.spacetime.dashboard.model.FieldConfig;
import dev.spacetime.dashboard.model.GridPos;
import dev.spacetime.dashboard.model.Panel;
import dev.spacetime.dashboard.model.PanelOptions;
import dev.spacetime.dashboard.model.Row;
import dev.spacetime.dashboard.model.ThresholdSteps;
import dev.spacetime.dashboard.model.Visualization;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridLayoutTest {

    static Visualization panel(String title) {
        var defaults = new FieldConfig.Defaults(new FieldConfig.Color(FieldConfig.ColorMode.THRESHOLDS), null, null,
                List.of(), null, null, ThresholdSteps.base("green"), "short", null);
        return new Visualization(DataSourceRef.VARIABLE, null, new FieldConfig(defaults, List.of()), null, 0,
                new PanelOptions.Table("sm", true), List.of(), title);
    }

    @Test
    void fillsLinesLeftToRightAndWrapsBelowTheTallestCell() {
        List<Panel> placed = GridLayout.place(List.of(
                Section.of("first", cell(12, 8, panel("a")), cell(8, 4, panel("b")), cell(6, 5, panel("c")),
                        cell(24, 3, panel("d"))),
                Section.of("second", cell(24, 2, panel("e")))));

        assertThat(placed).extracting(Panel::title).containsExactly("first", "a", "b", "c", "d", "second", "e");
        assertThat(placed).extracting(Panel::id).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(placed).extracting(Panel::gridPos).containsExactly(
                new GridPos(1, 24, 0, 0),
                new GridPos(8, 12, 0, 1),
                new GridPos(4, 8, 12, 1),
                new GridPos(5, 6, 0, 9),   // 12 + 8 + 6 > 24: next line, below the 8-high "a"
                new GridPos(3, 24, 0, 14),
                new GridPos(1, 24, 0, 17),
                new GridPos(2, 24, 0, 18));
        assertThat(placed.get(0)).isInstanceOf(Row.class);
    }

    @Test
    void rejectsCellsWiderThanTheGrid() {
        assertThatThrownBy(() -> cell(25, 4, panel("wide"))).hasMessageContaining("wide");
        assertThatThrownBy(() -> cell(6, 0, panel("flat"))).hasMessageContaining("flat");
    }
}
