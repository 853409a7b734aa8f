package dev.spacetime.scene.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo project shipped as resources (a VR main scene with an XR origin, camera and two controllers; a lobby
 * instancing a beacon that instances a crate; a 2D menu; an addon). It is written out to a directory so that it is
 * served by exactly the same file-based code path as a configured project.
 */
public final class DemoProject {
    static final String RESOURCE_DIR = "demo-project/";
    static final String INDEX = RESOURCE_DIR + "index.txt";

    private DemoProject() {
    }

    /** The project's files, relative to its root. */
    public static List<String> files() {
        try (InputStream in = resource(INDEX)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the project into {@code target} (created if needed; existing files are replaced); returns it. */
    public static Path materialise(Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        for (String file : files()) {
            Path out = root.resolve(file).normalize();
            if (!out.startsWith(root) || file.contains("\\")) {
                throw new IOException("demo index entry escapes the project: " + file);
            }
            Files.createDirectories(out.getParent());
            try (InputStream in = resource(RESOURCE_DIR + file)) {
                Files.write(out, in.readAllBytes());
            }
        }
        return root;
    }

    /** Materialises into a fresh temporary directory (the server's default when no project root is configured). */
    public static Path extractToTempDirectory() throws IOException {
        return materialise(Files.createTempDirectory("spacetime-demo-project-"));
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DemoProject.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing demo project resource " + name);
        }
        return in;
    }
}
