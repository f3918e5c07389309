package dev.gantry.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeTest {
    @TempDir
    Path root;

    @Test
    void theLibraryIsCopiedOnceAndTheStoreOpensWithIt() throws Exception {
        String before = System.getProperty(SqliteNative.PATH);
        try {
            System.clearProperty(SqliteNative.PATH);
            SqliteNative.prepare(root);
            Path dir = Path.of(System.getProperty(SqliteNative.PATH));
            Path lib = dir.resolve(System.getProperty(SqliteNative.NAME));
            assertTrue(dir.startsWith(root.resolve("lib")), dir.toString());
            assertTrue(Files.size(lib) > 100_000, "the native library was copied");
            Files.setLastModifiedTime(lib, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

            System.clearProperty(SqliteNative.PATH);
            SqliteNative.prepare(root);
            assertEquals(FileTime.from(Instant.parse("2020-01-01T00:00:00Z")), Files.getLastModifiedTime(lib),
                    "a second start reuses the copy");
            try (var dirs = Files.list(dir)) {
                assertEquals(1, dirs.count(), "no partial copies left");
            }
            StateStore.open(root.resolve("data"));
        } finally {
            if (before == null) {
                System.clearProperty(SqliteNative.PATH);
            } else {
                System.setProperty(SqliteNative.PATH, before);
            }
        }
    }

    @Test
    void anOperatorsPathWins() {
        String before = System.getProperty(SqliteNative.PATH);
        try {
            System.setProperty(SqliteNative.PATH, "/somewhere");
            SqliteNative.prepare(root);
            assertEquals("/somewhere", System.getProperty(SqliteNative.PATH));
            assertTrue(Files.notExists(root.resolve("lib")));
        } finally {
            if (before == null) {
                System.clearProperty(SqliteNative.PATH);
            } else {
                System.setProperty(SqliteNative.PATH, before);
            }
        }
    }
}
