package dev.gantry.core.container;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Gantry's default seccomp profile. It allows by default and refuses, with EPERM, the system calls that reach
 * past a container: kernel modules and kexec, the clock, accounting, swap, raw I/O ports, kernel keyrings, BPF and
 * perf, handle-based opens that bypass the mount namespace, unmounts and pivot_root (so a container given
 * CAP_SYS_ADMIN without {@code --privileged} still cannot uncover what is mounted over). Privileged containers
 * get no profile.
 */
final class Seccomp {
    static final List<String> DENIED = List.of("acct", "add_key", "bpf", "clock_adjtime", "clock_settime",
            "create_module", "delete_module", "finit_module", "get_kernel_syms", "get_mempolicy", "init_module", "ioperm",
            "iopl", "kcmp", "kexec_file_load", "kexec_load", "keyctl", "lookup_dcookie", "mbind", "move_pages",
            "nfsservctl", "open_by_handle_at", "perf_event_open", "pivot_root", "process_vm_readv", "process_vm_writev",
            "query_module", "quotactl", "reboot", "request_key", "set_mempolicy", "settimeofday", "stime", "swapoff",
            "swapon", "sysfs", "_sysctl", "umount", "umount2", "uselib", "userfaultfd", "ustat", "vm86", "vm86old");

    private Seccomp() {
    }

    static ObjectNode defaultProfile() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode p = f.objectNode();
        p.put("defaultAction", "SCMP_ACT_ALLOW");
        ArrayNode arch = p.putArray("architectures");
        arch.add("SCMP_ARCH_X86_64").add("SCMP_ARCH_X86").add("SCMP_ARCH_X32");
        ObjectNode rule = p.putArray("syscalls").addObject();
        ArrayNode names = rule.putArray("names");
        DENIED.forEach(names::add);
        rule.put("action", "SCMP_ACT_ERRNO");
        rule.put("errnoRet", 1);
        return p;
    }
}
