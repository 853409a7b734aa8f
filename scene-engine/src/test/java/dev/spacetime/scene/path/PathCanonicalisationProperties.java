package dev.spacetime.scene.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of canonicalisation over paths built from the pieces traversal attempts are made of: whatever the
 * policy accepts stays inside the project root, and canonicalising an accepted path again changes nothing.
 */
class PathCanonicalisationProperties {
    private static final Path ROOT = Path.of("/srv/project").toAbsolutePath();
    private final PathPolicy policy = PathPolicy.defaults();

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("", ".", "..", "...", "levels", "a", "main.tscn", ".godot", "addons", " x", "x ",
                        "%2e%2e", "..\\", "C:", "~", "\uFF0E\uFF0E", "\u2215", "caf\u00E9", "\u0000", "\u0085",
                        "..%2f", "\uFFFD"),
                Arbitraries.strings().withChars("./\\a%:é \u00A0").ofMaxLength(6));
        Arbitrary<String> prefix = Arbitraries.of("res://", "res://", "res://", "res:/", "/", "", "res:///", "RES://");
        Arbitrary<String> suffix = Arbitraries.of(".tscn", ".tscn", "", "/", ".tscn/", "/..", "\u0000.tscn");
        return Combinators.combine(prefix, segment.list().ofMaxSize(8), suffix)
                .as((p, segs, s) -> p + String.join("/", segs) + s);
    }

    @Property(tries = 2000)
    void noAcceptedPathResolvesOutsideTheRoot(@ForAll("paths") String raw) {
        if (policy.checkSyntax(raw) instanceof PathDecision.Allowed a) {
            String rel = a.canonical().substring(PathPolicy.SCHEME.length());
            assertThat(ROOT.resolve(rel).normalize()).as(raw).startsWithRaw(ROOT);
            assertThat(List.of(rel.split("/"))).as(raw).doesNotContain("..", ".");
            assertThat(rel).as(raw).doesNotStartWith("/").doesNotContain("//", "\\", "%", ":");
        }
    }

    @Property(tries = 2000)
    void canonicalisingTwiceChangesNothing(@ForAll("paths") String raw) {
        for (PathDecision first : List.of(policy.checkSyntax(raw), policy.decide(raw))) {
            if (first instanceof PathDecision.Allowed a) {
                assertThat(policy.checkSyntax(a.canonical())).as(raw).isEqualTo(a);
                assertThat(policy.decide(a.canonical())).as(raw).isEqualTo(policy.decide(raw));
            }
        }
    }
}
