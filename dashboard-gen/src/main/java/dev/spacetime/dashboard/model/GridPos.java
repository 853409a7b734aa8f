package dev.spacetime.dashboard.model;

/** Position on Grafana's grid: 24 columns wide, {@code h} in rows of 30 px. */
public record GridPos(int h, int w, int x, int y) {

    public static final int COLUMNS = 24;

    /** True when the two rectangles share at least one cell. */
    public boolean overlaps(GridPos o) {
        return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
    }
}
