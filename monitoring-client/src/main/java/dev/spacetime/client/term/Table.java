package dev.spacetime.client.term;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A text table with aligned columns: numbers right-aligned, text left-aligned, two spaces between columns. */
public final class Table {
    private final List<String> headers;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers, boolean[] right) {
        this.headers = headers;
        this.right = right;
    }

    /** Headers ending in {@code >} are right-aligned (the marker is dropped). */
    public static Table of(String... headers) {
        boolean[] right = new boolean[headers.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < headers.length; i++) {
            right[i] = headers[i].endsWith(">");
            names.add(right[i] ? headers[i].substring(0, headers[i].length() - 1) : headers[i]);
        }
        return new Table(names, right);
    }

    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public List<String> lines() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], Style.width(row.get(i)));
            }
        }
        List<String> out = new ArrayList<>();
        out.add(line(headers, widths));
        for (List<String> row : rows) {
            out.add(line(row, widths));
        }
        return out;
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - Style.width(cell));
            if (i > 0) {
                sb.append("  ");
            }
            sb.append(right[i] ? pad + cell : i == cells.size() - 1 ? cell : cell + pad);
        }
        return sb.toString();
    }
}
