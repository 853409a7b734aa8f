package dev.spacetime.dashboard.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a stat, gauge, bar gauge or pie chart reduces a series to one value. */
public enum Reducer {
    LAST_NOT_NULL("lastNotNull"),
    MEAN("mean"),
    MAX("max"),
    SUM("sum");

    private final String json;

    Reducer(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
