package dev.gantry.spi.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupLayoutTest {
    @TempDir
    Path dir;

    private Path mountinfo(String... lines) throws IOException {
        return Files.writeString(dir.resolve("mountinfo"), String.join("\n", lines) + "\n");
    }

    @Test
    void hybridIsV1PlusUnified() throws IOException {
        Path f = mountinfo(
                "30 25 0:26 / /sys/fs/cgroup rw,nosuid - tmpfs tmpfs rw",
                "31 30 0:27 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw",
                "32 30 0:28 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory");
        assertEquals(CgroupLayout.HYBRID, CgroupLayout.read(f));
        assertEquals("1", CgroupLayout.HYBRID.dockerVersion());
    }

    @Test
    void pureV2AndPureV1() throws IOException {
        assertEquals(CgroupLayout.V2, CgroupLayout.read(mountinfo("31 25 0:27 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw")));
        assertEquals(CgroupLayout.V1, CgroupLayout.read(mountinfo("32 30 0:28 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu")));
        assertEquals(CgroupLayout.V1, CgroupLayout.read(dir.resolve("missing")));
    }
}
