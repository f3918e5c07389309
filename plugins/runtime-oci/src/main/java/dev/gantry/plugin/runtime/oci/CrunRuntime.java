package dev.gantry.plugin.runtime.oci;

import dev.gantry.spi.plugin.Availability;
import dev.gantry.spi.host.CgroupLayout;
import java.nio.file.Path;

/**
 * crun, the C runtime. Stock crun refuses hosts whose cgroups are v1 with a v2 hierarchy beside them
 * ("hybrid"), so the probe reports that instead of letting every create fail.
 */
public final class CrunRuntime extends CliRuntime {
    private final Path mountinfo;

    public CrunRuntime() {
        this(Path.of("/proc/self/mountinfo"));
    }

    CrunRuntime(Path mountinfo) {
        super("crun", "crun");
        this.mountinfo = mountinfo;
    }

    @Override
    public Availability probe() {
        Availability base = super.probe();
        if (base.available() && CgroupLayout.read(mountinfo) == CgroupLayout.HYBRID) {
            return Availability.unavailable("cgroups in hybrid mode not supported by crun on this host"
                    + " (cgroup v1 with a v2 hierarchy at /sys/fs/cgroup/unified); use runc");
        }
        return base;
    }
}
