package dev.spacetime.scene.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathPolicyTest {
    private final PathPolicy defaults = PathPolicy.defaults();

    private static PathDecision.Allowed allowed(String canonical) {
        return new PathDecision.Allowed(canonical);
    }

    @Test
    void canonicalises() {
        assertThat(defaults.decide("res://main.tscn")).isEqualTo(allowed("res://main.tscn"));
        assertThat(defaults.decide("res://a//b.tscn")).isEqualTo(allowed("res://a/b.tscn"));
        assertThat(defaults.decide("res://./a/./b.tscn")).isEqualTo(allowed("res://a/b.tscn"));
        assertThat(defaults.decide("res://levels///lobby.tscn")).isEqualTo(allowed("res://levels/lobby.tscn"));
    }

    @Test
    void enforcesLengthSchemeAndExtension() {
        String at256 = "res://" + "a".repeat(256 - 6 - 5) + ".tscn";
        assertThat(at256).hasSize(256);
        assertThat(defaults.decide(at256)).isInstanceOf(PathDecision.Allowed.class);
        assertThat(defaults.decide("res://" + "a".repeat(246) + ".tscn")).isInstanceOf(PathDecision.Invalid.class);
        assertThat(defaults.decide(null)).isInstanceOf(PathDecision.Invalid.class);
        assertThat(defaults.decide("")).isInstanceOf(PathDecision.Invalid.class);
        assertThat(defaults.decide("main.tscn")).isInstanceOf(PathDecision.Invalid.class);
        assertThat(defaults.decide("user://main.tscn")).isInstanceOf(PathDecision.Invalid.class);
        assertThat(defaults.decide("RES://main.tscn")).isInstanceOf(PathDecision.Invalid.class);
        assertThat(defaults.decide("res://main.tres")).isInstanceOf(PathDecision.Invalid.class);
        assertThat(defaults.decide("res://main.TSCN")).isInstanceOf(PathDecision.Invalid.class);
        assertThat(defaults.decide("res://.tscn")).isInstanceOf(PathDecision.Invalid.class);
        assertThat(defaults.decide("res://")).isInstanceOf(PathDecision.Invalid.class);
        assertThat(defaults.decide("res://dir.tscn/")).isInstanceOf(PathDecision.Allowed.class);
        assertThat(PathPolicy.builder().maxLength(20).build().decide("res://abcdefghij.tscn"))
                .isInstanceOf(PathDecision.Invalid.class);
    }

    @Test
    void blacklistForbidsAddonsAndGodotByDefault() {
        assertThat(defaults.decide("res://addons/tool/x.tscn")).isInstanceOf(PathDecision.Forbidden.class);
        assertThat(defaults.decide("res://addons//tool/x.tscn")).isInstanceOf(PathDecision.Forbidden.class);
        assertThat(defaults.decide("res://./addons/x.tscn")).isInstanceOf(PathDecision.Forbidden.class);
        assertThat(defaults.decide("res://.godot/imported/x.tscn")).isInstanceOf(PathDecision.Forbidden.class);
        assertThat(defaults.decide("res://levels/addons.tscn")).isInstanceOf(PathDecision.Allowed.class);
        assertThat(defaults.decide("res://addons.tscn")).isInstanceOf(PathDecision.Allowed.class);
        PathPolicy custom = PathPolicy.builder().blacklist(List.of("secret/", "**/*_test.tscn")).build();
        assertThat(custom.decide("res://addons/x.tscn")).isInstanceOf(PathDecision.Allowed.class);
        assertThat(custom.decide("res://secret/x.tscn")).isInstanceOf(PathDecision.Forbidden.class);
        assertThat(custom.decide("res://a/b/c_test.tscn")).isInstanceOf(PathDecision.Forbidden.class);
        assertThat(custom.decide("res://c_test.tscn")).isInstanceOf(PathDecision.Forbidden.class);
    }

    @Test
    void whitelistSupportsExactPrefixAndWildcards() {
        PathPolicy p = PathPolicy.builder().whitelist(List.of(
                "res://main.tscn", "levels/", "res://ui/*.tscn", "res://worlds/**/final.tscn", "props/**")).build();
        assertThat(p.decide("res://main.tscn")).isInstanceOf(PathDecision.Allowed.class);
        assertThat(p.decide("res://other.tscn")).isInstanceOf(PathDecision.Forbidden.class);
        assertThat(p.decide("res://sub/main.tscn")).isInstanceOf(PathDecision.Forbidden.class);
        assertThat(p.decide("res://levels/lobby.tscn")).isInstanceOf(PathDecision.Allowed.class);
        assertThat(p.decide("res://levels/a/b/c.tscn")).isInstanceOf(PathDecision.Allowed.class);
        assertThat(p.decide("res://levels2/x.tscn")).isInstanceOf(PathDecision.Forbidden.class);
        assertThat(p.decide("res://ui/menu.tscn")).isInstanceOf(PathDecision.Allowed.class);
        assertThat(p.decide("res://ui/sub/menu.tscn")).as("* is one segment").isInstanceOf(PathDecision.Forbidden.class);
        assertThat(p.decide("res://worlds/final.tscn")).as("** matches zero segments")
                .isInstanceOf(PathDecision.Allowed.class);
        assertThat(p.decide("res://worlds/a/b/c/final.tscn")).isInstanceOf(PathDecision.Allowed.class);
        assertThat(p.decide("res://worlds/a/draft.tscn")).isInstanceOf(PathDecision.Forbidden.class);
        assertThat(p.decide("res://props/x/y.tscn")).isInstanceOf(PathDecision.Allowed.class);
        // The blacklist still wins over the whitelist.
        PathPolicy both = PathPolicy.builder().whitelist(List.of("**")).build();
        assertThat(both.decide("res://addons/x.tscn")).isInstanceOf(PathDecision.Forbidden.class);
        assertThat(both.decide("res://any/where.tscn")).isInstanceOf(PathDecision.Allowed.class);
    }

    @Test
    void segmentWildcards() {
        assertThat(PathPattern.segmentMatches("*.tscn", "a.tscn")).isTrue();
        assertThat(PathPattern.segmentMatches("lvl_*_v*.tscn", "lvl_3_v2.tscn")).isTrue();
        assertThat(PathPattern.segmentMatches("lvl_*_v*.tscn", "lvl_3.tscn")).isFalse();
        assertThat(PathPattern.segmentMatches("*", "")).isTrue();
        // Pathological pattern stays fast (dynamic programming, no backtracking).
        assertThat(PathPattern.segmentMatches("*a*a*a*a*a*a*a*a*a*b", "a".repeat(200))).isFalse();
    }

    @Test
    void rejectsInvalidPatternsAtConfigurationTime() {
        assertThatThrownBy(() -> PathPolicy.builder().whitelist(List.of("../x/")).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathPolicy.builder().whitelist(List.of("res:///abs")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void directoriesForListing() {
        assertThat(defaults.decideDirectory("res://")).isEqualTo(allowed("res://"));
        assertThat(defaults.decideDirectory("res://levels/")).isEqualTo(allowed("res://levels"));
        assertThat(defaults.decideDirectory("res://../")).isInstanceOf(PathDecision.Invalid.class);
        assertThat(defaults.decideDirectory("res://main.tscn")).isInstanceOf(PathDecision.Invalid.class);
    }

    @Test
    void refusalsCarryTheirErrorType() {
        assertThat(defaults.decide("res://../x.tscn").errorType())
                .isEqualTo(dev.spacetime.catalog.SceneErrorType.INVALID_PATH);
        assertThat(defaults.decide("res://addons/x.tscn").errorType())
                .isEqualTo(dev.spacetime.catalog.SceneErrorType.FORBIDDEN);
        assertThat(defaults.decide("res://x.tscn").errorType()).isNull();
    }
}
