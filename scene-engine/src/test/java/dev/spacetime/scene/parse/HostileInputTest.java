package dev.spacetime.scene.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.scene.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malformed and hostile inputs end in a TscnParseException, never another throwable. */
class HostileInputTest {
    private static final String HEAD = "[gd_scene format=3]\n[node name=\"R\" type=\"Node\"]\nv = ";

    private final TscnParser parser = new TscnParser();

    @Test
    void deepNestingIsALimitNotAStackOverflow() throws TscnParseException {
        for (String open : new String[] {"[", "{\"k\": ", "Array([", "Foo(", "Array[int]([",
            "Dictionary({\"k\": "}) {
            String text = HEAD + open.repeat(200_000);
            assertThatThrownBy(() -> parser.parse(text)).as(open)
                    .isInstanceOf(TscnParseException.class)
                    .hasMessageContaining("nested deeper than 64");
        }
        // Exactly at the limit still parses.
        String ok = HEAD + "[".repeat(64) + "]".repeat(64) + "\n";
        assertThat(new TscnParser(ParseLimits.DEFAULTS).parse(ok)).isNotNull();
    }

    @Test
    void hugeNumbersAreErrorsOrInfinityNeverCrashes() throws TscnParseException {
        assertThatThrownBy(() -> parser.parse(HEAD + "99999999999999999999\n"))
                .hasMessageContaining("out of 64-bit range");
        assertThatThrownBy(() -> parser.parse(HEAD + "-9223372036854775809\n"))
                .hasMessageContaining("out of 64-bit range");
        assertThatThrownBy(() -> parser.parse(HEAD + "1".repeat(1_000_000) + "\n"))
                .hasMessageContaining("longer than 400 characters");
        assertThatThrownBy(() -> parser.parse(HEAD + "Vector2i(99999999999999999999, 0)\n"))
                .hasMessageContaining("out of 64-bit range");
        assertThat(parser.parse(HEAD + "1e99999999999\n").nodes().get(0).properties().get("v"))
                .isEqualTo(new Value.Real(Double.POSITIVE_INFINITY));
    }

    @Test
    void everyTruncationOfARealSceneFailsCleanlyOrParses() throws Exception {
        String text = Files.readString(TestPaths.sceneCorpus().resolve("2d--dodge_the_creeps--main.tscn"),
                StandardCharsets.UTF_8);
        int errors = 0;
        for (int len = 0; len < text.length(); len++) {
            try {
                parser.parse(text.substring(0, len));
            } catch (TscnParseException e) {
                errors++;
                assertThat(e.line()).isPositive();
                assertThat(e.column()).isPositive();
            }
        }
        assertThat(errors).as("most prefixes are incomplete").isGreaterThan(text.length() / 2);
    }

    @Test
    void randomMutationsFailCleanlyOrParse() throws Exception {
        String text = Files.readString(TestPaths.sceneCorpus().resolve("2d--dodge_the_creeps--main.tscn"),
                StandardCharsets.UTF_8);
        Random random = new Random(42);
        String alphabet = "[](){}\"\\,:=&^-.e0123456789 \n\u0000\u00e9;ExtResource(inf";
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder(text);
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> sb.deleteCharAt(at);
                    default -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String mutated = sb.toString();
            try {
                // A scene holds no node its text does not declare.
                int declared = mutated.split("\\[node", -1).length - 1;
                assertThat(parser.parse(mutated).nodes()).hasSizeLessThanOrEqualTo(declared);
            } catch (TscnParseException expected) {
                // An error points at a character of the input.
                assertThat(expected.line()).isBetween(1, (int) mutated.lines().count() + 1);
                assertThat(expected.column()).isPositive();
                assertThat(expected.getMessage()).startsWith("line " + expected.line() + ", column ");
            }
        }
    }

    @Test
    void inputOverTheSizeLimitIsASizeError() {
        TscnParser small = new TscnParser(ParseLimits.DEFAULTS.withMaxBytes(1024));
        byte[] big = (HEAD + "\"" + "x".repeat(2000) + "\"\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> small.parse(big)).isInstanceOfSatisfying(TscnParseException.class,
                e -> assertThat(e.tooLarge()).isTrue());
        assertThatThrownBy(() -> small.parse(new String(big, StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(TscnParseException.class, e -> assertThat(e.tooLarge()).isTrue());
    }

    @Test
    void longStringsAreBoundedAndMultiLineStringsWithinTheLimitParse() throws TscnParseException {
        TscnParser limited = new TscnParser(new ParseLimits(ParseLimits.DEFAULT_MAX_BYTES, 64, 1000, 10_000,
                ParseLimits.DEFAULT_MAX_NODES));
        assertThatThrownBy(() -> limited.parse(HEAD + "\"" + "y".repeat(20_000) + "\"\n"))
                .isInstanceOfSatisfying(TscnParseException.class, e -> {
                    assertThat(e.reason()).contains("string longer than 10000");
                    assertThat(e.tooLarge()).isFalse();
                });
        String lines = "line\n".repeat(1500);
        assertThat(limited.parse(HEAD + "\"" + lines + "\"\n").nodes().get(0).properties().get("v"))
                .isEqualTo(new Value.Str(lines));
        // A default parser takes a 1 MB string (well below the 4 Mi chars limit).
        assertThat(parser.parse(HEAD + "\"" + "z".repeat(1_000_000) + "\"\n").nodes()).hasSize(1);
    }

    @Test
    void nodeSectionsAreBoundedAndTheFirstOneOverIsNamed() throws TscnParseException {
        TscnParser limited = new TscnParser(ParseLimits.DEFAULTS.withMaxNodes(3));
        String three = "[gd_scene format=3]\n[node name=\"R\" type=\"Node\"]\n"
                + "[node name=\"A\" type=\"Node\" parent=\".\"]\n[node name=\"B\" type=\"Node\" parent=\".\"]\n";
        assertThat(limited.parse(three).nodes()).hasSize(3);
        // The fourth [node] is refused where it starts; what follows it is never read (here: not even valid).
        assertThatThrownBy(() -> limited.parse(three + "[node name=\"C\" type=\"Node\" parent=\".\"]\n[broken"))
                .isInstanceOfSatisfying(TscnParseException.class, e -> {
                    assertThat(e.reason()).isEqualTo("scene has more than 3 nodes");
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.tooLarge()).isFalse();
                });
    }

    @Test
    void valueCountIsBounded() {
        TscnParser limited = new TscnParser(new ParseLimits(ParseLimits.DEFAULT_MAX_BYTES, 64, 100, 1000,
                ParseLimits.DEFAULT_MAX_NODES));
        assertThatThrownBy(() -> limited.parse(HEAD + "[" + "0,".repeat(200) + "]\n"))
                .hasMessageContaining("more than 100 values");
        assertThatThrownBy(() -> limited.parse(HEAD + "PackedFloat32Array(" + "0,".repeat(200) + ")\n"))
                .hasMessageContaining("more than 100 values");
    }

    @Test
    void truncatedConstructsNameWhatIsMissing() {
        assertThatThrownBy(() -> parser.parse(HEAD + "Vector2(1,")).hasMessageContaining("unexpected end of input");
        assertThatThrownBy(() -> parser.parse(HEAD + "{\"a\": 1")).hasMessageContaining("unterminated dictionary");
        assertThatThrownBy(() -> parser.parse(HEAD + "Object(Node, \"a\": 1"))
                .hasMessageContaining("unterminated Object");
        assertThatThrownBy(() -> parser.parse("[gd_scene format=3")).hasMessageContaining("unterminated [gd_scene]");
        assertThatThrownBy(() -> parser.parse(HEAD + "\"abc\\u12")).hasMessageContaining("truncated unicode escape");
        assertThatThrownBy(() -> parser.parse(HEAD + "\"abc\\u12zz\"")).hasMessageContaining("invalid unicode escape");
        assertThatThrownBy(() -> parser.parse(HEAD + "\"\\UFFFFFF\"")).hasMessageContaining("beyond U+10FFFF");
    }
}
