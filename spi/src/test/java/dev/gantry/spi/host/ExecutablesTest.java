package dev.gantry.spi.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutablesTest {
    @TempDir
    Path dir;

    @Test
    void findsTheFirstExecutableOnThePathAndSkipsPlainFilesAndDirectories() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Path c = Files.createDirectories(dir.resolve("c"));
        Files.writeString(a.resolve("tool"), "not executable");
        Files.createDirectories(b.resolve("tool"));
        Path tool = Files.writeString(c.resolve("tool"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(Optional.of(tool), Executables.find("tool", a + ":" + b + ":" + c));
    }

    @Test
    void aMissingToolIsEmptyAndAnAbsoluteNameIsTakenAsIs() {
        assertTrue(Executables.find("no-such-tool-" + System.nanoTime(), dir.toString()).isEmpty());
        assertEquals(Optional.of(Path.of("/bin/sh")), Executables.find("/bin/sh", ""));
        assertTrue(Executables.find("/bin", "").isEmpty());
    }

    @Test
    void theSbinsAreSearchedAfterAPathThatLacksThem() {
        assertTrue(Executables.find("sh", dir.toString()).isPresent());
    }
}
