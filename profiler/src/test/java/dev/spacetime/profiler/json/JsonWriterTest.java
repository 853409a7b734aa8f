package dev.spacetime.profiler.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyCharRoundTripsThroughAStrictParser() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            all.append(c); // lone surrogates everywhere, plus the one valid pair U+DBFF U+DC00
        }
        all.append(Character.MAX_VALUE).append("\uD83D\uDE00 end\uD800");
        String s = all.toString();
        String json = JsonWriter.toJson(Map.of("k", s));
        assertThat(MAPPER.readTree(json).get("k").asText()).isEqualTo(s);
        assertThat(json).doesNotContain("\u2028").doesNotContain("\n");
    }

    @Test
    void escapesTheUsualSuspectsReadably() {
        assertThat(JsonWriter.toJson("a\"b\\c\n\t\r\b\f\u0001\u2028"))
                .isEqualTo("\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u2028\"");
        assertThat(JsonWriter.toJson("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\""); // valid pair kept as is
        assertThat(JsonWriter.toJson("\uDE00\uD83D")).isEqualTo("\"\\ude00\\ud83d\""); // reversed: both lone
    }

    @Test
    void writesNestedStructuresAndNumbers() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("list", Arrays.asList(1, 2L, 2.5, true, null, "x"));
        m.put("empty", Map.of());
        m.put("emptyList", List.of());
        m.put("nested", Map.of("a", List.of(Map.of("b", -0.001))));
        m.put("whole", 3.0);
        m.put("tiny", 1e-7);
        String json = JsonWriter.toJson(m);
        assertThat(json).startsWith("{\"list\":[1,2,2.5,true,null,\"x\"],\"empty\":{},\"emptyList\":[],"
                + "\"nested\":{\"a\":[{\"b\":-0.001}]},\"whole\":3.0,");
        JsonNode node = MAPPER.readTree(json);
        assertThat(node.get("tiny").asDouble()).isEqualTo(1e-7);
    }

    @Test
    void exactDecimals() {
        assertThat(decimal(1_234_567, 3)).isEqualTo("1234.567");
        assertThat(decimal(1_500, 3)).isEqualTo("1.5");
        assertThat(decimal(2_000, 3)).isEqualTo("2");
        assertThat(decimal(7, 3)).isEqualTo("0.007");
        assertThat(decimal(-1, 3)).isEqualTo("-0.001");
        assertThat(decimal(0, 6)).isEqualTo("0");
        assertThat(decimal(42, 0)).isEqualTo("42");
    }

    @Test
    void rejectsWhatJsonCannotHold() {
        assertThatThrownBy(() -> JsonWriter.toJson(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonWriter.toJson(Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonWriter.toJson(Map.of(1, 2))).hasMessageContaining("keys must be strings");
        assertThatThrownBy(() -> JsonWriter.toJson(new Object())).hasMessageContaining("not a JSON value");
    }

    @Test
    void commasBetweenSiblingsOnly() throws Exception {
        JsonWriter w = new JsonWriter();
        w.beginArray().beginObject().name("a").value(1).name("b").beginArray().value("x").value("y").endArray()
                .endObject().beginObject().endObject().rawValue("[1,2]").value(false).endArray();
        assertThat(w.toString()).isEqualTo("[{\"a\":1,\"b\":[\"x\",\"y\"]},{},[1,2],false]");
        List<Object> parsed = new ArrayList<>();
        MAPPER.readTree(w.toString()).forEach(parsed::add);
        assertThat(parsed).hasSize(4);
    }

    private static String decimal(long v, int scale) {
        StringBuilder sb = new StringBuilder();
        JsonWriter.appendDecimal(sb, v, scale);
        return sb.toString();
    }
}
