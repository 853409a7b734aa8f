package dev.spacetime.scene.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.catalog.SceneErrorType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configurable edges of the path policy: length limits, pattern forms, and what a refusal reports. */
class PathLimitsTest {

    @Test
    void theLengthLimitIsInclusiveAndConfigurable() {
        PathPolicy p = PathPolicy.builder().maxLength(20).build();
        assertThat(p.maxLength()).isEqualTo(20);
        assertThat(PathPolicy.defaults().maxLength()).isEqualTo(256);
        assertThat(p.decide("res://abcdefghi.tscn")).as("20 chars")
                .isEqualTo(new PathDecision.Allowed("res://abcdefghi.tscn"));
        assertThat(p.decide("res://abcdefghij.tscn")).as("21 chars")
                .isEqualTo(new PathDecision.Invalid("path is longer than 20 characters"));
    }

    @Test
    void theSmallestLimitStillFitsAOneLetterScene() {
        String shortest = "res://a.tscn";
        assertThat(PathPolicy.builder().maxLength(shortest.length()).build().decide(shortest))
                .isEqualTo(new PathDecision.Allowed(shortest));
        assertThatThrownBy(() -> PathPolicy.builder().maxLength(shortest.length() - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11");
    }

    @Test
    void aDirectoryPatternMatchesWhatIsBelowItNotTheNameItself() {
        PathPattern dir = PathPattern.parse("res://levels/");
        assertThat(dir.matches("levels/a.tscn")).isTrue();
        assertThat(dir.matches("levels/x/y.tscn")).isTrue();
        assertThat(dir.matches("levels")).isFalse();
        assertThat(dir.matches("levels2/a.tscn")).isFalse();
        assertThat(PathPattern.parse("").matches("a.tscn")).as("an empty prefix is the whole project").isTrue();
    }

    @Test
    void patternsWithDotSegmentsAreConfigurationErrors() {
        for (String entry : List.of("a/./b.tscn", "./a.tscn", "a/..", "res://x/../y/")) {
            assertThatThrownBy(() -> PathPolicy.builder().blacklist(List.of(entry)).build()).as(entry)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(entry);
        }
    }

    @Test
    void aRefusalNamesThePatternThatRefusedIt() {
        PathPolicy p = PathPolicy.builder().blacklist(List.of("res://secret/", "**/*_wip.tscn")).build();
        assertThat(p.decide("res://secret/a.tscn"))
                .isEqualTo(new PathDecision.Forbidden("scene path res://secret/a.tscn is blacklisted (res://secret/)"));
        assertThat(p.decide("res://x/y_wip.tscn"))
                .isEqualTo(new PathDecision.Forbidden("scene path res://x/y_wip.tscn is blacklisted (**/*_wip.tscn)"));
    }

    @Test
    void decisionsSayWhetherTheyAllowAndWhichErrorTheyAre() {
        assertThat(new PathDecision.Allowed("res://a.tscn").allowed()).isTrue();
        assertThat(new PathDecision.Allowed("res://a.tscn").errorType()).isNull();
        assertThat(new PathDecision.Invalid("x").allowed()).isFalse();
        assertThat(new PathDecision.Invalid("x").errorType()).isEqualTo(SceneErrorType.INVALID_PATH);
        assertThat(new PathDecision.Forbidden("x").allowed()).isFalse();
        assertThat(new PathDecision.Forbidden("x").errorType()).isEqualTo(SceneErrorType.FORBIDDEN);
    }
}
