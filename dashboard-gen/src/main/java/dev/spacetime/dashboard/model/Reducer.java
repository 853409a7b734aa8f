package dev.spacetime.dashboard.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a stat, gauge, bar gauge or pie chart reduces a series to one value. */
public enum Reducer {
    @JsonProperty("lastNotNull") LAST_NOT_NULL,
    @JsonProperty("mean") MEAN,
    @JsonProperty("max") MAX,
    @JsonProperty("sum") SUM
}
