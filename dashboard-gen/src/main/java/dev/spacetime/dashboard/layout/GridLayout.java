package dev.spacetime.dashboard.layout;

import dev.spacetime.dashboard.model.GridPos;
import dev.spacetime.dashboard.model.Panel;
import dev.spacetime.dashboard.model.Row;
import dev.spacetime.dashboard.model.Visualization;
import java.util.ArrayList;
import java.util.List;

/**
 * Places panels on Grafana's 24-column grid: each section starts with a full-width row header, cells fill a line
 * left to right and wrap to a new line (below the tallest cell of the previous one) when the next would not fit.
 * Panel ids are assigned in reading order, so they are stable as long as the definition is.
 */
public final class GridLayout {

    /** Height of a row header. */
    static final int ROW_HEIGHT = 1;

    /** A panel and the room it takes. */
    public record Cell(int width, int height, Visualization panel) {
        public Cell {
            if (width < 1 || width > GridPos.COLUMNS || height < 1) {
                throw new IllegalArgumentException("cell " + width + "x" + height + " does not fit the grid: "
                        + panel.title());
            }
        }
    }

    /** A titled group of cells under one row header. */
    public record Section(String title, List<Cell> cells) {
        public Section {
            cells = List.copyOf(cells);
        }

        public static Section of(String title, Cell... cells) {
            return new Section(title, List.of(cells));
        }
    }

    public static Cell cell(int width, int height, Visualization panel) {
        return new Cell(width, height, panel);
    }

    /** Every section's row header and panels, positioned and numbered from 1. */
    public static List<Panel> place(List<Section> sections) {
        var placed = new ArrayList<Panel>();
        int y = 0;
        for (Section section : sections) {
            placed.add(new Row(false, new GridPos(ROW_HEIGHT, GridPos.COLUMNS, 0, y), placed.size() + 1, List.of(),
                    section.title()));
            y += ROW_HEIGHT;
            int x = 0;
            int lineHeight = 0;
            for (Cell cell : section.cells()) {
                if (x + cell.width() > GridPos.COLUMNS) {
                    y += lineHeight;
                    x = 0;
                    lineHeight = 0;
                }
                placed.add(cell.panel().placed(placed.size() + 1, new GridPos(cell.height(), cell.width(), x, y)));
                x += cell.width();
                lineHeight = Math.max(lineHeight, cell.height());
            }
            y += lineHeight;
        }
        return List.copyOf(placed);
    }

    private GridLayout() {
    }
}
