package dev.spacetime.scene.path;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which characters a scene path may hold: real names in any script load, control characters and look-alikes do not. */
class ScenePathCharactersTest {
    private final PathPolicy policy = PathPolicy.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"res://levels/café.tscn", "res://シーン/メイン.tscn", "res://naïve_Ünïcode.tscn",
            "res://уровни/лобби.tscn", "res://a\u00A0b.tscn", "res://my level.tscn", "res://tilde~.tscn"})
    void legitimateNamesInAnyScriptAreAllowedUnchanged(String path) {
        assertThat(policy.decide(path)).isEqualTo(new PathDecision.Allowed(path));
    }

    @Test
    void controlCharacterRangesAreRefusedExactlyAtTheirEdges() {
        // C0 ends at U+001F, DEL is U+007F, C1 is U+0080..U+009F; their neighbours are ordinary characters.
        for (char c : new char[] {'\u0000', '\u001F', '\u007F', '\u0080', '\u0085', '\u009F'}) {
            assertThat(policy.decide("res://a" + c + "b.tscn")).as("U+%04X", (int) c)
                    .isEqualTo(new PathDecision.Invalid("path contains a control character (e.g. NUL)"));
        }
        for (char c : new char[] {'\u0020', '\u007E', '\u00A0', '\u00A1'}) {
            assertThat(policy.decide("res://a" + c + "b.tscn")).as("U+%04X", (int) c)
                    .isEqualTo(new PathDecision.Allowed("res://a" + c + "b.tscn"));
        }
    }

    @ParameterizedTest
    @ValueSource(chars = {'\uFF0E', '\u2024', '\uFE52', '\uFF0F', '\u2215', '\u2044', '\u29F8', '\uFF3C', '\uFE68'})
    void lookAlikesOfDotSlashAndBackslashAreRefused(char c) {
        assertThat(policy.decide("res://levels" + c + "x.tscn"))
                .isEqualTo(new PathDecision.Invalid("path contains a look-alike of '.' or '/'"));
    }

    @Test
    void aColonAnywhereInASegmentIsRefused() {
        for (String path : new String[] {"res://:x.tscn", "res://a:b.tscn", "res://c:/x.tscn", "res://x.tscn:"}) {
            assertThat(policy.decide(path)).as(path)
                    .isEqualTo(new PathDecision.Invalid("path segments must not contain ':'"));
        }
    }
}
