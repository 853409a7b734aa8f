package dev.spacetime.dashboard.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.spacetime.dashboard.model.Dashboard;

/**
 * Dashboard model to and from JSON. Keys are sorted (as Grafana's own export does), nulls left out except where
 * the model asks for them, two-space indent, LF line ends: the same model always gives the same bytes.
 */
public final class DashboardJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final DefaultPrettyPrinter PRINTER = prettyPrinter();

    /** Pretty-printed JSON with a trailing newline. */
    public static String write(Dashboard dashboard) {
        try {
            return MAPPER.writer(PRINTER).writeValueAsString(dashboard) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise dashboard " + dashboard.uid(), e);
        }
    }

    /** Parses what {@link #write} produced (or a hand-edited copy) back into the model; unknown keys fail. */
    public static Dashboard read(String json) {
        try {
            return MAPPER.readValue(json, Dashboard.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a dashboard this model describes: " + e.getOriginalMessage(), e);
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        var indenter = new DefaultIndenter("  ", "\n");
        var separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }

    private DashboardJson() {
    }
}
