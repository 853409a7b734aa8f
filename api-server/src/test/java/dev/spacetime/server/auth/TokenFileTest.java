package dev.spacetime.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token file and any directory created for it are the owner's alone; a rewrite replaces the token whole. */
class TokenFileTest {
    @TempDir
    Path home;

    @Test
    void missingDirectoriesAreCreatedOwnerOnlyAndTheFileIs0600() throws IOException {
        Path file = home.resolve("a/.spacetime/token");
        TokenFile.write(file, "first");
        assertThat(Files.readString(file)).isEqualTo("first\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void aRewriteReplacesTheTokenAndLeavesNoTemporaryFile() throws IOException {
        Path file = home.resolve("token");
        TokenFile.write(file, "first");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        TokenFile.write(file, "second");
        assertThat(Files.readString(file)).isEqualTo("second\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(home)) {
            assertThat(files).containsExactly(file);
        }
    }
}
