package dev.spacetime.scene;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations of shared test data, resolved from the {@code spacetime.root} property surefire sets. */
public final class TestPaths {
    private TestPaths() {
    }

    public static Path repositoryRoot() {
        String root = System.getProperty("spacetime.root");
        if (root == null || root.isBlank()) {
            fail("system property spacetime.root is not set (surefire sets it to the repository root)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** The real Godot scene corpus; a missing corpus fails the test rather than skipping it. */
    public static Path sceneCorpus() {
        Path dir = repositoryRoot().resolve("../shared/scene-corpus/godot-demo-projects").normalize();
        if (!Files.isDirectory(dir)) {
            fail("scene corpus not found at " + dir + " (expected ../shared/scene-corpus/godot-demo-projects "
                    + "beside the repository root)");
        }
        return dir;
    }
}
