package dev.gantry.plugin.runtime.oci;

/** runc, the reference OCI runtime. Works on cgroup v1, v2 and hybrid hosts. */
public final class RuncRuntime extends CliRuntime {
    public RuncRuntime() {
        super("runc", "runc");
    }
}
