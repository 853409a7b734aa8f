package dev.spacetime.dashboard.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** A template variable ({@code templating.list}). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Variable.Datasource.class, name = "datasource"),
        @JsonSubTypes.Type(value = Variable.Query.class, name = "query")})
public sealed interface Variable {

    String name();

    /** The selection when the dashboard opens. */
    record Current(Object text, Object value) {
    }

    /**
     * Pick a data source of plugin type {@code query}.
     *
     * @param current the data source uid selected by default
     */
    record Datasource(Current current, int hide, String label, String name, String query, int refresh, String regex)
            implements Variable {
    }

    /**
     * Values from a data source query, e.g. {@code label_values(metric, label)}.
     *
     * @param allValue the value substituted for "All": a regex matching everything, instead of a long alternation
     * @param refresh  2 = on time range change, so new endpoints show up
     */
    record Query(String allValue, Current current, DataSourceRef datasource, String definition, int hide,
                 boolean includeAll, String label, boolean multi, String name, List<String> options, String query,
                 int refresh, String regex, int sort) implements Variable {
        public Query {
            options = List.copyOf(options);
        }
    }
}
