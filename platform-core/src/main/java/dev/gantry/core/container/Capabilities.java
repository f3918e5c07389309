package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Linux capabilities by name and number, Docker's default set, and the host's bounding set. */
final class Capabilities {
    static final List<String> NAMES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
            "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
            "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN",
            "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
            "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
            "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    /** The 14 capabilities Docker gives a container that asks for nothing else. */
    static final List<String> DEFAULT = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private static volatile List<String> bounding;

    private Capabilities() {
    }

    /**
     * The capabilities this process may hand on: its bounding set. A privileged container gets exactly these,
     * so a host that lacks one (here CAP_SYS_RESOURCE) still runs privileged containers.
     */
    static List<String> bounding() {
        List<String> b = bounding;
        if (b == null) {
            b = readBounding(Path.of("/proc/self/status"));
            bounding = b;
        }
        return b;
    }

    static List<String> readBounding(Path status) {
        List<String> caps = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("CapBnd:")) {
                    long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    for (int i = 0; i < NAMES.size(); i++) {
                        if ((mask & (1L << i)) != 0) {
                            caps.add(NAMES.get(i));
                        }
                    }
                }
            }
        } catch (IOException e) {
            return DEFAULT;
        }
        return List.copyOf(caps);
    }

    /** Docker's rule: start from the defaults (or all with ALL in add), drop what is dropped, add what is added. */
    static List<String> effective(List<String> add, List<String> drop) {
        Set<String> adds = normalize(add);
        Set<String> drops = normalize(drop);
        Set<String> result = new LinkedHashSet<>();
        if (adds.contains("ALL")) {
            result.addAll(bounding());
        } else if (!drops.contains("ALL")) {
            result.addAll(DEFAULT);
        }
        drops.forEach(result::remove);
        for (String a : adds) {
            if (!a.equals("ALL")) {
                result.add(a);
            }
        }
        result.retainAll(bounding());
        return List.copyOf(result);
    }

    private static Set<String> normalize(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            String up = n.toUpperCase(Locale.ROOT);
            if (up.equals("ALL")) {
                out.add("ALL");
                continue;
            }
            String full = up.startsWith("CAP_") ? up : "CAP_" + up;
            if (!NAMES.contains(full)) {
                throw EngineException.invalid("invalid capability: " + n);
            }
            out.add(full);
        }
        return out;
    }
}
