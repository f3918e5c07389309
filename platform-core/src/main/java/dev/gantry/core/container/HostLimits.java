package dev.gantry.core.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** This process's resource limits by OCI name ({@code RLIMIT_NOFILE}), as soft and hard; -1 is unlimited. */
final class HostLimits {
    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("Max cpu time", "RLIMIT_CPU"),
            Map.entry("Max file size", "RLIMIT_FSIZE"), Map.entry("Max data size", "RLIMIT_DATA"),
            Map.entry("Max stack size", "RLIMIT_STACK"), Map.entry("Max core file size", "RLIMIT_CORE"),
            Map.entry("Max resident set", "RLIMIT_RSS"), Map.entry("Max processes", "RLIMIT_NPROC"),
            Map.entry("Max open files", "RLIMIT_NOFILE"), Map.entry("Max locked memory", "RLIMIT_MEMLOCK"),
            Map.entry("Max address space", "RLIMIT_AS"), Map.entry("Max file locks", "RLIMIT_LOCKS"),
            Map.entry("Max pending signals", "RLIMIT_SIGPENDING"), Map.entry("Max msgqueue size", "RLIMIT_MSGQUEUE"),
            Map.entry("Max nice priority", "RLIMIT_NICE"), Map.entry("Max realtime priority", "RLIMIT_RTPRIO"),
            Map.entry("Max realtime timeout", "RLIMIT_RTTIME"));
    private static volatile Map<String, long[]> cached;

    private HostLimits() {
    }

    static Map<String, long[]> rlimits() {
        Map<String, long[]> m = cached;
        if (m == null) {
            m = read(Path.of("/proc/self/limits"));
            cached = m;
        }
        return m;
    }

    static Map<String, long[]> read(Path limits) {
        Map<String, long[]> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(limits)) {
                for (Map.Entry<String, String> e : NAMES.entrySet()) {
                    if (line.startsWith(e.getKey() + " ")) {
                        String[] f = line.substring(e.getKey().length()).trim().split("\\s+");
                        out.put(e.getValue(), new long[]{value(f[0]), value(f[1])});
                    }
                }
            }
        } catch (IOException ignored) {
            // no limits known: nothing is clamped
        }
        return Map.copyOf(out);
    }

    private static long value(String s) {
        return s.equals("unlimited") ? -1 : Long.parseLong(s);
    }
}
