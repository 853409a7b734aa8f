package dev.spacetime.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Godot demo scene corpus: the directory named by the system property {@value #PROPERTY}, else
 * {@code ../shared/scene-corpus/godot-demo-projects} relative to {@code spacetime.root} or the working directory
 * (the repository root), or its parent (when run from {@code benchmarks/}).
 */
final class SceneCorpus {

    static final String PROPERTY = "spacetime.corpus";
    private static final String RELATIVE = "shared/scene-corpus/godot-demo-projects";

    private SceneCorpus() {
    }

    static Path directory() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            Path dir = Path.of(configured);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + configured + " is not a directory");
            }
            return dir;
        }
        Path root = Path.of(System.getProperty("spacetime.root", "."));
        for (Path candidate : List.of(root.resolve("..").resolve(RELATIVE), root.resolve("../..").resolve(RELATIVE))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("scene corpus not found: run from the repository root (which has ../"
                + RELATIVE + ") or pass -D" + PROPERTY + "=DIR");
    }

    /** Every {@code .tscn} file of the corpus, by name. */
    static List<Path> scenes(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tscn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path largest(List<Path> scenes) {
        return scenes.stream().max(Comparator.comparingLong(SceneCorpus::size)).orElseThrow();
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
