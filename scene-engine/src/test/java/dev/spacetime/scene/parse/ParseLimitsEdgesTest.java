package dev.spacetime.scene.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every parse limit holds at exactly its value and fails one past it, for bytes and text alike. */
class ParseLimitsEdgesTest {
    private static final String HEAD = "[gd_scene format=3]\n[node name=\"R\" type=\"Node\"]\nv = ";

    private static Value parsedValue(TscnParser parser, String text) throws TscnParseException {
        return parser.parse(text).nodes().get(0).properties().get("v");
    }

    /** A value inside {@code levels} arrays. */
    private static String nested(int levels, String inner) {
        return HEAD + "[".repeat(levels) + inner + "]".repeat(levels) + "\n";
    }

    @Test
    void aValueMayBeNestedExactlyMaxDepthLevels() throws TscnParseException {
        TscnParser parser = new TscnParser(ParseLimits.DEFAULTS.withMaxDepth(5));
        Value v = parsedValue(parser, nested(5, "7"));
        for (int i = 0; i < 5; i++) {
            assertThat(v).isInstanceOf(Value.ArrayValue.class);
            v = ((Value.ArrayValue) v).items().get(0);
        }
        assertThat(v).isEqualTo(new Value.Int(7));
        assertThatThrownBy(() -> parser.parse(nested(6, "7"))).isInstanceOfSatisfying(TscnParseException.class,
                e -> assertThat(e.reason()).isEqualTo("values nested deeper than 5 levels"));
        // An empty array holds no value, so it may itself be the value at the deepest level.
        assertThat(parsedValue(parser, nested(6, ""))).isInstanceOf(Value.ArrayValue.class);
        assertThatThrownBy(() -> parser.parse(nested(7, ""))).isInstanceOf(TscnParseException.class);
    }

    @Test
    void dictionariesAndCallsCountAsLevelsToo() throws TscnParseException {
        TscnParser parser = new TscnParser(ParseLimits.DEFAULTS.withMaxDepth(2));
        assertThat(parsedValue(parser, HEAD + "{\"k\": Foo(1)}\n")).isEqualTo(new Value.DictValue(
                java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.List.of(new Value.Entry(new Value.Str("k"), new Value.Call("Foo", java.util.List.of(
                        new Value.Int(1)))))));
        assertThatThrownBy(() -> parser.parse(HEAD + "{\"k\": Foo([1])}\n"))
                .hasMessageContaining("nested deeper than 2");
    }

    @Test
    void aFileOfExactlyMaxBytesParsesAndOneByteMoreIsTooLarge() throws TscnParseException {
        String atLimit = HEAD + "\"" + "é".repeat(100) + "\"\n";
        byte[] bytes = atLimit.getBytes(StandardCharsets.UTF_8);
        TscnParser parser = new TscnParser(ParseLimits.DEFAULTS.withMaxBytes(bytes.length));
        assertThat(parser.parse(bytes).nodes()).hasSize(1);
        byte[] over = (atLimit + " ").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(over)).isInstanceOfSatisfying(TscnParseException.class,
                e -> assertThat(e.tooLarge()).isTrue());
    }

    @Test
    void textIsMeasuredInCharactersAgainstTheSameLimit() throws TscnParseException {
        String atLimit = HEAD + "\"" + "x".repeat(100) + "\"\n";
        TscnParser parser = new TscnParser(ParseLimits.DEFAULTS.withMaxBytes(atLimit.length()));
        assertThat(parser.parse(atLimit).nodes()).hasSize(1);
        assertThatThrownBy(() -> parser.parse(atLimit + " ")).isInstanceOfSatisfying(TscnParseException.class,
                e -> assertThat(e.tooLarge()).isTrue());
    }

    @Test
    void aStringOfExactlyMaxStringCharsParsesAndOneMoreFails() throws TscnParseException {
        TscnParser parser = new TscnParser(new ParseLimits(ParseLimits.DEFAULT_MAX_BYTES, 64, 1000, 10,
                ParseLimits.DEFAULT_MAX_NODES));
        assertThat(parsedValue(parser, HEAD + "\"0123456789\"\n")).isEqualTo(new Value.Str("0123456789"));
        assertThatThrownBy(() -> parser.parse(HEAD + "\"0123456789A\"\n"))
                .hasMessageContaining("string longer than 10 characters");
    }

    @Test
    void limitsMustBePositiveAndFitAString() {
        assertThatThrownBy(() -> new ParseLimits(0, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParseLimits(1, 0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParseLimits(1, 1, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParseLimits(1, 1, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParseLimits(1, 1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParseLimits(Integer.MAX_VALUE - 7L, 1, 1, 1, 1))
                .hasMessageContaining("fit a Java string");
        assertThat(new ParseLimits(Integer.MAX_VALUE - 8L, 1, 1, 1, 1).maxBytes()).isEqualTo(Integer.MAX_VALUE - 8L);
    }
}
