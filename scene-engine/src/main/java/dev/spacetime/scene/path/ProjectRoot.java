package dev.spacetime.scene.path;

import dev.spacetime.catalog.SceneErrorType;
import dev.spacetime.scene.SceneError;
import dev.spacetime.scene.SceneException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The directory that plays {@code res://}. Resolution is by real path: whatever symlinks a checked path
 * crosses, the file read must lie under the root's real path, so a link inside the project pointing outside it is
 * refused. Messages name {@code res://} paths only, never server filesystem paths.
 */
public final class ProjectRoot {
    private final Path realRoot;

    public ProjectRoot(Path root) throws IOException {
        this.realRoot = root.toRealPath();
        if (!Files.isDirectory(realRoot)) {
            throw new IOException("project root is not a directory: " + root);
        }
    }

    public Path realRoot() {
        return realRoot;
    }

    /** The real path of a canonical {@code res://} path (from {@link PathPolicy}) that must exist under the root. */
    public Path resolve(String canonical) throws SceneException {
        Path real = realPath(canonical);
        if (!Files.isRegularFile(real)) {
            throw fail(SceneErrorType.NOT_FOUND, canonical, "not a file: " + canonical);
        }
        return real;
    }

    /** As {@link #resolve} for a directory. */
    public Path resolveDirectory(String canonical) throws SceneException {
        Path real = realPath(canonical);
        if (!Files.isDirectory(real)) {
            throw fail(SceneErrorType.NOT_FOUND, canonical, "not a directory: " + canonical);
        }
        return real;
    }

    /**
     * Reads a file, refusing anything over {@code maxBytes} before reading it (and again while reading, in case
     * it grew in between).
     */
    public byte[] read(String canonical, long maxBytes) throws SceneException {
        Path real = resolve(canonical);
        try {
            long size = Files.size(real);
            if (size > maxBytes) {
                throw fail(SceneErrorType.TOO_LARGE, canonical, canonical + " is " + size
                        + " bytes, over the limit of " + maxBytes);
            }
            // NOFOLLOW_LINKS: the real path has no links left; a link swapped in since is refused.
            try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw fail(SceneErrorType.TOO_LARGE, canonical, canonical + " is over the limit of " + maxBytes
                            + " bytes");
                }
                return bytes;
            }
        } catch (AccessDeniedException e) {
            throw fail(SceneErrorType.FORBIDDEN, canonical, "permission denied: " + canonical);
        } catch (IOException e) {
            throw fail(SceneErrorType.INTERNAL, canonical, "cannot read " + canonical + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** The {@code res://} path of a real path under the root. */
    public String toResPath(Path real) {
        Path rel = realRoot.relativize(real);
        StringBuilder sb = new StringBuilder(PathPolicy.SCHEME);
        for (int i = 0; i < rel.getNameCount(); i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(rel.getName(i));
        }
        return sb.toString();
    }

    private Path realPath(String canonical) throws SceneException {
        if (!canonical.startsWith(PathPolicy.SCHEME)) {
            throw fail(SceneErrorType.INVALID_PATH, canonical, "not a res:// path");
        }
        Path candidate;
        try {
            candidate = realRoot.resolve(canonical.substring(PathPolicy.SCHEME.length())).normalize();
        } catch (InvalidPathException e) {
            // What PathPolicy lets through, the platform may still refuse (a name its file-name encoding cannot
            // hold, a NUL): a malformed path from the client, not a server fault.
            throw fail(SceneErrorType.INVALID_PATH, canonical, "path cannot name a file on this server: "
                    + e.getReason());
        }
        if (!candidate.startsWith(realRoot)) {
            throw fail(SceneErrorType.FORBIDDEN, canonical, canonical + " is outside the project");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw fail(SceneErrorType.NOT_FOUND, canonical, "no such file: " + canonical);
        } catch (AccessDeniedException e) {
            throw fail(SceneErrorType.FORBIDDEN, canonical, "permission denied: " + canonical);
        } catch (IOException e) {
            throw fail(SceneErrorType.NOT_FOUND, canonical, "cannot resolve " + canonical + ": "
                    + e.getClass().getSimpleName());
        }
        if (!real.startsWith(realRoot)) {
            throw fail(SceneErrorType.FORBIDDEN, canonical, canonical + " resolves outside the project");
        }
        return real;
    }

    private static SceneException fail(SceneErrorType type, String path, String message) {
        return new SceneException(SceneError.of(type, path, message));
    }
}
