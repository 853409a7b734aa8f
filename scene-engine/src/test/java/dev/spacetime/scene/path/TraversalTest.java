package dev.spacetime.scene.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.SceneErrorType;
import dev.spacetime.scene.SceneException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traversal attempts in every spelling are refused (400 or 403) and never read a canary file outside the root.
 * The same set runs against the whole service in SceneServiceTest.
 */
public class TraversalTest {
    @TempDir
    Path base;
    private Path project;
    private String canary;

    /** Paths that must be answered invalid_path or forbidden; {@code %s} is the absolute directory above the root. */
    public static List<String> hostilePaths(Path outside) {
        String abs = outside.toAbsolutePath().toString();
        List<String> paths = new ArrayList<>(List.of(
                "res://../secret.tscn", "res://..//secret.tscn", "res://a/../../secret.tscn",
                "res://./../secret.tscn", "res://levels/../../secret.tscn", "res://..", "res://../",
                "res://.../secret.tscn", "res://..../secret.tscn",
                // percent-encoded, double-encoded, mixed case, encoded slashes
                "res://%2e%2e/secret.tscn", "res://%2E%2E/secret.tscn", "res://%2e%2E/secret.tscn",
                "res://.%2e/secret.tscn", "res://%2e./secret.tscn", "res://..%2fsecret.tscn",
                "res://..%2Fsecret.tscn", "res://%2e%2e%2fsecret.tscn", "res:%2f%2f..%2fsecret.tscn",
                "res://%252e%252e/secret.tscn", "res://%252E%252E%252Fsecret.tscn", "res://%25252e%25252e/secret.tscn",
                // backslashes
                "res://..\\secret.tscn", "res://levels\\..\\..\\secret.tscn", "res:\\\\..\\secret.tscn",
                "res://..%5csecret.tscn", "res://%5c..%5csecret.tscn",
                // overlong UTF-8 for '.' and '/', encoded and as a decoder would replace them
                "res://%c0%ae%c0%ae/secret.tscn", "res://%C0%AE%C0%AE/secret.tscn", "res://%e0%80%ae%e0%80%ae/secret.tscn",
                "res://..%c0%afsecret.tscn", "res://\uFFFD\uFFFD/secret.tscn",
                // Unicode look-alikes of '.' and '/'
                "res://\uFF0E\uFF0E/secret.tscn", "res://\u2024\u2024/secret.tscn", "res://..\u2215secret.tscn",
                "res://..\uFF0Fsecret.tscn",
                // absolute paths and other schemes
                "/etc/passwd", abs + "/secret.tscn", "file://" + abs + "/secret.tscn", "res:///" + abs + "/secret.tscn",
                "res:////secret.tscn", "C:\\secret.tscn", "res://C:/secret.tscn", "~/secret.tscn",
                "RES://../secret.tscn", "res:/../secret.tscn", "res:../secret.tscn",
                // NUL and other control characters
                "res://secret.tscn\u0000.png", "res://\u0000../secret.tscn", "res://main.tscn\u0000",
                "res://..\u0000/secret.tscn", "res://\n../secret.tscn", "res://\u0085../secret.tscn",
                // blacklisted
                "res://.godot/secret.tscn", "res://addons/../../secret.tscn",
                // symlinks inside the root pointing outside it
                "res://link.tscn", "res://linkdir/secret.tscn", "res://levels/uplink/secret.tscn"));
        paths.add("res://" + "../".repeat(100) + "secret.tscn");
        return paths;
    }

    /**
     * Paths that are not valid Unicode or that no file name can hold: lone UTF-16 surrogates (high, low, a reversed
     * pair; at the start, in the middle, at the end, in a directory name) and NULs. Each must be {@code invalid_path}.
     */
    public static List<String> malformedEncodings() {
        return List.of("res://\uD800.tscn", "res://\uDC00.tscn", "res://\uDC00\uD800.tscn",
                "res://levels/a\uD83Db.tscn", "res://levels/a\uDE00b.tscn", "res://main.tscn\uD800",
                "res://\uD800dir/main.tscn", "res://levels\uDBFF/main.tscn", "res://levels/\uDFFF/main.tscn",
                "res://\uDE00\uD83D/main.tscn", "\uD800res://main.tscn",
                "res://\u0000.tscn", "res://lev\u0000els/main.tscn", "res://levels/\u0000");
    }

    /**
     * Plants what {@link #hostilePaths} aims at: a valid scene {@code secret.tscn} in {@code outside} whose root
     * name is a fresh canary (returned), and symlinks inside {@code project} (its parent must be {@code outside})
     * pointing out of it: {@code link.tscn}, {@code linkdir/} and {@code levels/uplink/}.
     */
    public static String plantOutside(Path outside, Path project) throws IOException {
        String canary = "CANARY-" + UUID.randomUUID();
        Files.writeString(outside.resolve("secret.tscn"),
                "[gd_scene format=3]\n[node name=\"" + canary + "\" type=\"Node\"]\n");
        Files.createDirectories(project.resolve("levels"));
        Files.createSymbolicLink(project.resolve("link.tscn"), outside.resolve("secret.tscn"));
        Files.createSymbolicLink(project.resolve("linkdir"), outside);
        Files.createSymbolicLink(project.resolve("levels/uplink"), Path.of("../.."));
        return canary;
    }

    @BeforeEach
    void setUp() throws IOException {
        project = Files.createDirectories(base.resolve("project"));
        Files.writeString(project.resolve("main.tscn"), "[gd_scene format=3]\n[node name=\"Main\" type=\"Node3D\"]\n");
        canary = plantOutside(base, project);
    }

    @Test
    void everyHostilePathIsInvalidOrForbiddenAndTheCanaryIsNeverRead() throws IOException {
        PathPolicy policy = PathPolicy.defaults();
        ProjectRoot root = new ProjectRoot(project);
        for (String raw : hostilePaths(base)) {
            PathDecision d = policy.decide(raw);
            SceneErrorType outcome;
            if (d instanceof PathDecision.Allowed a) {
                try {
                    byte[] bytes = root.read(a.canonical(), 1 << 20);
                    assertThat(new String(bytes, StandardCharsets.UTF_8)).as(raw).doesNotContain(canary);
                    outcome = null;
                } catch (SceneException e) {
                    outcome = e.error().type();
                    assertThat(e.getMessage()).as("no server path in the message").doesNotContain(base.toString());
                }
            } else {
                outcome = d.errorType();
            }
            assertThat(outcome).as(raw.replace("\u0000", "\\0")).isIn(SceneErrorType.INVALID_PATH, SceneErrorType.FORBIDDEN);
        }
    }

    @Test
    void malformedEncodingsAreInvalidPathsAtEveryLayer() throws IOException {
        PathPolicy policy = PathPolicy.defaults();
        ProjectRoot root = new ProjectRoot(project);
        for (String raw : malformedEncodings()) {
            String shown = shown(raw);
            assertThat(policy.decide(raw).errorType()).as(shown).isEqualTo(SceneErrorType.INVALID_PATH);
            assertThat(policy.decideDirectory(raw).errorType()).as(shown).isEqualTo(SceneErrorType.INVALID_PATH);
            // Below the policy too: whatever Java's path API throws for it is a malformed path, not a crash.
            String bypass = raw.startsWith(PathPolicy.SCHEME) ? raw : PathPolicy.SCHEME + raw;
            for (ThrowingRead read : List.<ThrowingRead>of(() -> root.read(bypass, 1024),
                    () -> root.resolveDirectory(bypass))) {
                try {
                    read.run();
                    throw new AssertionError("expected INVALID_PATH for " + shown);
                } catch (SceneException e) {
                    assertThat(e.error().type()).as(shown).isEqualTo(SceneErrorType.INVALID_PATH);
                }
            }
        }
        // A well-formed pair is a character like any other: no such file.
        assertThat(policy.decide("res://\uD83D\uDE00.tscn").allowed()).isTrue();
    }

    interface ThrowingRead {
        void run() throws SceneException;
    }

    /** A payload printable in an assertion message: NULs and lone surrogates as escapes. */
    public static String shown(String raw) {
        StringBuilder sb = new StringBuilder();
        raw.chars().forEach(c -> sb.append(c == 0 || Character.isSurrogate((char) c)
                ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return sb.toString();
    }

    @Test
    void symlinksInsideTheRootThatStayInsideAreFine() throws IOException, SceneException {
        Files.createSymbolicLink(project.resolve("alias.tscn"), project.resolve("main.tscn"));
        ProjectRoot root = new ProjectRoot(project);
        assertThat(new String(root.read("res://alias.tscn", 1024), StandardCharsets.UTF_8)).contains("Main");
    }

    @Test
    void sizeIsCheckedBeforeReading() throws IOException {
        Path huge = project.resolve("huge.tscn");
        try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(100L * 1024 * 1024); // sparse: 100 MB without writing it
        }
        ProjectRoot root = new ProjectRoot(project);
        try {
            root.read("res://huge.tscn", 16L * 1024 * 1024);
            throw new AssertionError("expected TOO_LARGE");
        } catch (SceneException e) {
            assertThat(e.error().type()).isEqualTo(SceneErrorType.TOO_LARGE);
        }
    }

    @Test
    void missingFilesAreNotFound() throws IOException {
        ProjectRoot root = new ProjectRoot(project);
        for (String p : List.of("res://nope.tscn", "res://levels", "res://levels/nope/x.tscn")) {
            try {
                root.read(p, 1024);
                throw new AssertionError("expected NOT_FOUND for " + p);
            } catch (SceneException e) {
                assertThat(e.error().type()).as(p).isEqualTo(SceneErrorType.NOT_FOUND);
            }
        }
    }
}
