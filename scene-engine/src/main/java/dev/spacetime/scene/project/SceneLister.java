package dev.spacetime.scene.project;

import dev.spacetime.scene.SceneException;
import dev.spacetime.scene.path.PathPolicy;
import dev.spacetime.scene.path.ProjectRoot;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Lists {@code .tscn} files below a directory of the project. Symbolic links are never followed (neither linked
 * directories nor linked files are listed), hidden directories ({@code .godot}, {@code .git}) are skipped, and
 * {@code addons/} only with {@code includeAddons}. Bounded in files and depth.
 */
final class SceneLister {
    private static final int MAX_DEPTH = 32;

    private final ProjectRoot root;
    private final int maxFiles;

    SceneLister(ProjectRoot root, int maxFiles) {
        this.root = root;
        this.maxFiles = maxFiles;
    }

    /** @param canonicalDir a directory accepted by {@link PathPolicy#decideDirectory} */
    SceneListing list(String canonicalDir, boolean includeAddons) throws SceneException {
        Path start = root.resolveDirectory(canonicalDir);
        Path addons = root.realRoot().resolve("addons");
        List<String> scenes = new ArrayList<>();
        boolean[] truncated = {false};
        try {
            Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!includeAddons && dir.startsWith(addons)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (!dir.equals(start) && dir.getFileName().toString().startsWith(".")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    // Without FOLLOW_LINKS attrs describe the link itself, so links are not regular files.
                    if (attrs.isRegularFile() && file.getFileName().toString().endsWith(PathPolicy.EXTENSION)) {
                        if (scenes.size() >= maxFiles) {
                            truncated[0] = true;
                            return FileVisitResult.TERMINATE;
                        }
                        scenes.add(root.toResPath(file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new SceneException(dev.spacetime.scene.SceneError.of(dev.spacetime.catalog.SceneErrorType.INTERNAL,
                    canonicalDir, "cannot list " + canonicalDir + ": " + e.getClass().getSimpleName()));
        }
        scenes.sort(null);
        return new SceneListing(canonicalDir, includeAddons, scenes, truncated[0]);
    }
}
