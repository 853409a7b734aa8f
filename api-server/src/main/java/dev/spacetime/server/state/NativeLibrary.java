package dev.spacetime.server.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where SQLite's native code is loaded from. Left alone, sqlite-jdbc copies its bundled library (1 MB) to a fresh
 * temporary file on every start and deletes it only on an orderly JVM exit, which the server's shutdown
 * ({@code Runtime.halt}) and {@code kill -9} skip: every start would leave one behind. So it is copied once per
 * version into {@code lib/} of the state directory (owner-only: nobody else can swap the code) and loaded from
 * there. A library path the operator set ({@code -Dorg.sqlite.lib.path}) wins.
 */
final class NativeLibrary {
    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private NativeLibrary() {
    }

    /** Before the first connection of this JVM; later calls do nothing (the library loads once per JVM). */
    static synchronized void install(Path stateDir) throws IOException {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        String name = "sqlite-" + SQLiteJDBCLoader.getVersion() + "-" + LibraryLoaderUtil.getNativeLibName();
        Path dir = stateDir.resolve("lib");
        Path lib = dir.resolve(name);
        if (!Files.exists(lib)) {
            String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
            try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return; // no bundled library for this platform: sqlite-jdbc looks on java.library.path
                }
                StateStore.createOwnerOnly(dir);
                Path tmp = Files.createTempFile(dir, name, ".tmp", StateStore.mode("rwx------"));
                try {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
        System.setProperty(PATH_PROPERTY, dir.toString());
        System.setProperty(NAME_PROPERTY, name);
    }
}
