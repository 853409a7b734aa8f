package dev.spacetime.server.health;

import dev.spacetime.catalog.HealthState;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The project root ({@code res://}) exists, is a directory and can be listed. */
public final class FileSystemCheck implements HealthCheck {
    private final Path projectRoot;

    public FileSystemCheck(Path projectRoot) {
        this.projectRoot = projectRoot;
    }

    @Override
    public String name() {
        return "file_system";
    }

    @Override
    public HealthResult check() {
        // /health is public: the details say res://, never where the project lives on the server.
        Map<String, Object> details = Map.of("project_root", "res://");
        if (!Files.isDirectory(projectRoot)) {
            return HealthResult.of(HealthState.UNHEALTHY, "project root is not a directory", details);
        }
        // Listing proves read and execute permission on the directory, which isReadable alone does not.
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(projectRoot)) {
            entries.iterator().hasNext();
            long freeMb = Files.getFileStore(projectRoot).getUsableSpace() / (1024 * 1024);
            return HealthResult.of(HealthState.HEALTHY, "project root readable",
                    Map.of("project_root", "res://", "usable_space_mb", freeMb));
        } catch (IOException | SecurityException e) {
            return HealthResult.of(HealthState.UNHEALTHY, "project root cannot be listed: "
                    + e.getClass().getSimpleName(), details);
        }
    }
}
