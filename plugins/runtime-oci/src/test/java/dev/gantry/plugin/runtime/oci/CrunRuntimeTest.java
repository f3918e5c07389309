package dev.gantry.plugin.runtime.oci;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * crun cannot run on a cgroup-v1 hybrid host such as the CI machine, so its conformance kit does not run here;
 * what is checked is that it is never offered there, with the reason.
 */
class CrunRuntimeTest {
    @TempDir
    Path dir;

    @Test
    void unavailableOnAHybridHostWithTheReason() throws IOException {
        Path f = Files.writeString(dir.resolve("mountinfo"),
                "31 30 0:27 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n"
                        + "32 30 0:28 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
        var a = new CrunRuntime(f).probe();
        assertFalse(a.available());
        assertTrue(a.reason().contains("hybrid") || a.reason().contains("not installed"), a.reason());
    }

    @Test
    void availableOnAPureV2HostWhenInstalled() throws IOException {
        Path f = Files.writeString(dir.resolve("mountinfo"), "31 25 0:27 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
        var crun = new CrunRuntime(f);
        var a = crun.probe();
        assertTrue(a.available() == crun.version().isPresent(), a.toString());
    }
}
