package dev.gantry.core.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostInfoTest {
    @TempDir
    Path dir;

    @Test
    void readsThisHost() {
        HostInfo h = HostInfo.read();
        assertTrue(h.cpus() > 0);
        assertTrue(h.memTotal() > 1024 * 1024);
        assertFalse(h.kernelVersion().isBlank());
        assertEquals(System.getProperty("os.arch").equals("amd64") ? "x86_64" : h.architecture(), h.architecture());
    }

    @Test
    void parsesOsReleaseAndMeminfo() throws IOException {
        Path os = Files.writeString(dir.resolve("os-release"), "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\n");
        assertEquals("Debian GNU/Linux 12 (bookworm)", HostInfo.osRelease(os).get("PRETTY_NAME"));
        assertEquals("12", HostInfo.osRelease(os).get("VERSION_ID"));
        Path mem = Files.writeString(dir.resolve("meminfo"), "MemTotal:       24576000 kB\nMemFree: 1 kB\n");
        assertEquals(24576000L * 1024, HostInfo.memTotal(mem));
    }
}
