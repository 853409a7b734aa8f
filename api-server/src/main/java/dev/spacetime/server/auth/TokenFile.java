package dev.spacetime.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes the admin token where only the owner can read it: created 0600 (directory 0700) before any byte is written,
 * then moved into place atomically so a reader never sees a partial or world-readable file.
 */
public final class TokenFile {

    private TokenFile() {
    }

    public static void write(Path file, String token) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, posix ? attribute("rwx------") : new FileAttribute<?>[0]);
        }
        Path tmp = Files.createTempFile(dir, ".token-", ".tmp", posix ? attribute("rw-------") : new FileAttribute<?>[0]);
        try {
            Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (posix) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static FileAttribute<?>[] attribute(String perms) {
        Set<PosixFilePermission> set = PosixFilePermissions.fromString(perms);
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(set)};
    }
}
