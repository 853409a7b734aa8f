package dev.spacetime.dashboard.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One Prometheus query of a panel.
 *
 * @param instant true for a single evaluation at the end of the range (stat, bar gauge, table)
 * @param range    true for a range query (time series)
 * @param exemplar true to also fetch the exemplars of the queried histogram (dots linking to a request's flame
 *                 graph); null (omitted) otherwise
 */
public record Target(DataSourceRef datasource, String editorMode, String expr, Format format, boolean instant,
                     String legendFormat, boolean range, String refId, Boolean exemplar) {

    public enum Format {
        @JsonProperty("time_series") TIME_SERIES,
        @JsonProperty("table") TABLE
    }

    public Target {
        Objects.requireNonNull(datasource);
        Objects.requireNonNull(expr);
        Objects.requireNonNull(format);
        Objects.requireNonNull(refId);
        if (instant == range) {
            throw new IllegalArgumentException("a target is either instant or range: " + expr);
        }
    }

    /** A range query drawn as time series. */
    public static Target range(String refId, String expr, String legendFormat) {
        return new Target(DataSourceRef.VARIABLE, "code", expr, Format.TIME_SERIES, false, legendFormat, true, refId, null);
    }

    /** A query evaluated once, at the end of the dashboard's time range. */
    public static Target instant(String refId, String expr, String legendFormat) {
        return new Target(DataSourceRef.VARIABLE, "code", expr, Format.TIME_SERIES, true, legendFormat, false, refId, null);
    }

    /** An instant query returned as a table: one row per series, labels as columns. */
    public static Target table(String refId, String expr) {
        return new Target(DataSourceRef.VARIABLE, "code", expr, Format.TABLE, true, "", false, refId, null);
    }

    /** This range query with its exemplars shown. */
    public Target withExemplars() {
        if (!range) {
            throw new IllegalStateException("exemplars are drawn on time series only: " + expr);
        }
        return new Target(datasource, editorMode, expr, format, instant, legendFormat, range, refId, true);
    }
}
