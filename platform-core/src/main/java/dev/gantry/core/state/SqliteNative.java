package dev.gantry.core.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where sqlite-jdbc loads its native library from. Left alone, it inflates the library from its jar into
 * {@code java.io.tmpdir} under a fresh name on every start (and runs {@code uname -o} to tell Android apart):
 * a measurable part of the engine's start-up (docs/benchmarks.md). The library is copied once per driver version
 * into {@code <data-root>/lib/sqlite-jdbc-<version>/} and loaded from there; a path set by the operator
 * ({@code org.sqlite.lib.path}) wins, and anything that fails here leaves sqlite-jdbc to its own way.
 */
final class SqliteNative {
    static final String PATH = "org.sqlite.lib.path";
    static final String NAME = "org.sqlite.lib.name";

    private SqliteNative() {
    }

    static void prepare(Path dataRoot) {
        if (System.getProperty(PATH) != null) {
            return;
        }
        try {
            Path dir = dataRoot.resolve("lib").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion());
            String name = "libsqlitejdbc.so";
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                name = LibraryLoaderUtil.getNativeLibName();
                lib = dir.resolve(name);
                String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
                try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        return;
                    }
                    Files.createDirectories(dir);
                    Path part = Files.createTempFile(dir, name, ".part");
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.setProperty(NAME, name);
            System.setProperty(PATH, dir.toString());
        } catch (IOException | RuntimeException e) {
            // sqlite-jdbc extracts the library itself, as it always did
        }
    }
}
