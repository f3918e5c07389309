package dev.gantry.spi.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a host mounts cgroups. Runtimes, the engine and {@code docker info} all need the same answer, so it is
 * read in one place. {@code HYBRID} is v1 controllers with a v2 hierarchy beside them (usually at
 * {@code /sys/fs/cgroup/unified}); Docker calls that cgroup version 1.
 */
public enum CgroupLayout {
    V1, V2, HYBRID;

    public static CgroupLayout current() {
        return read(Path.of("/proc/self/mountinfo"));
    }

    /** Reads a mountinfo file; an unreadable one counts as v1, the most constrained case. */
    public static CgroupLayout read(Path mountinfo) {
        boolean v1 = false;
        boolean v2 = false;
        try {
            for (String line : Files.readAllLines(mountinfo)) {
                String[] halves = line.split(" - ", 2);
                if (halves.length < 2) {
                    continue;
                }
                String fsType = halves[1].split(" ")[0];
                v1 |= fsType.equals("cgroup");
                v2 |= fsType.equals("cgroup2");
            }
        } catch (IOException e) {
            return V1;
        }
        if (v1 && v2) {
            return HYBRID;
        }
        return v2 ? V2 : V1;
    }

    /** Docker's {@code CgroupVersion}: "2" only for a pure v2 host. */
    public String dockerVersion() {
        return this == V2 ? "2" : "1";
    }
}
