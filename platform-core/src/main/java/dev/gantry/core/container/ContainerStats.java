package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resource usage as Docker's stats endpoint reports it, read from the container's cgroup (v1 controllers under
 * {@code /sys/fs/cgroup/<controller>/gantry/<id>}, or the unified v2 directory) and its network namespace.
 */
public final class ContainerStats {
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");
    private static final Set<String> MEMORY_V1 = Set.of("cache", "rss", "rss_huge", "shmem", "mapped_file", "dirty",
            "writeback", "pgpgin", "pgpgout", "pgfault", "pgmajfault", "inactive_anon", "active_anon", "inactive_file",
            "active_file", "unevictable", "hierarchical_memory_limit", "total_cache", "total_rss", "total_inactive_file",
            "total_active_file", "total_inactive_anon", "total_active_anon");

    private ContainerStats() {
    }

    private static boolean v2() {
        return Files.exists(CGROUP.resolve("cgroup.controllers"));
    }

    private static Path dir(String controller, String id) {
        return v2() ? CGROUP.resolve("gantry").resolve(id) : CGROUP.resolve(controller).resolve("gantry").resolve(id);
    }

    /** One reading now; the counters only while it runs. */
    public static StatsSample sample(Container c) {
        boolean alive = c.status().alive();
        Long pidsCurrent = null;
        long pidsLimit = 0;
        if (alive) {
            pidsCurrent = number(dir("pids", c.id()).resolve("pids.current"));
            pidsLimit = Math.max(0, number(dir("pids", c.id()).resolve("pids.max")));
        }
        return new StatsSample(Instant.now(), c.id(), "/" + c.name(), pidsCurrent, pidsLimit, blkio(c, alive),
                alive ? cpu(c) : null, alive ? memory(c) : null,
                alive && c.state().pid() > 0 ? networks(c.state().pid()) : null);
    }

    private static StatsSample.Cpu cpu(Container c) {
        int online = Runtime.getRuntime().availableProcessors();
        if (v2()) {
            Map<String, Long> stat = keyed(dir("cpu", c.id()).resolve("cpu.stat"));
            return new StatsSample.Cpu(stat.getOrDefault("usage_usec", 0L) * 1000, null,
                    stat.getOrDefault("user_usec", 0L) * 1000, stat.getOrDefault("system_usec", 0L) * 1000, systemCpu(),
                    online);
        }
        Path acct = dir("cpuacct", c.id());
        List<Long> per = new ArrayList<>();
        for (String v : text(acct.resolve("cpuacct.usage_percpu")).trim().split("\\s+")) {
            if (!v.isEmpty()) {
                per.add(Long.parseLong(v));
            }
        }
        Map<String, Long> stat = keyed(acct.resolve("cpuacct.stat"));
        return new StatsSample.Cpu(number(acct.resolve("cpuacct.usage")), per, stat.getOrDefault("user", 0L) * 10_000_000L,
                stat.getOrDefault("system", 0L) * 10_000_000L, systemCpu(), online);
    }

    private static StatsSample.Memory memory(Container c) {
        Path d = dir("memory", c.id());
        if (v2()) {
            String max = text(d.resolve("memory.max")).trim();
            return new StatsSample.Memory(number(d.resolve("memory.current")), null,
                    max.equals("max") || max.isEmpty() ? totalMemory() : Long.parseLong(max), keyed(d.resolve("memory.stat")));
        }
        long limit = number(d.resolve("memory.limit_in_bytes"));
        Map<String, Long> stats = new java.util.LinkedHashMap<>();
        keyed(d.resolve("memory.stat")).forEach((k, v) -> {
            if (MEMORY_V1.contains(k)) {
                stats.put(k, v);
            }
        });
        return new StatsSample.Memory(number(d.resolve("memory.usage_in_bytes")),
                number(d.resolve("memory.max_usage_in_bytes")), limit <= 0 || limit > totalMemory() ? totalMemory() : limit,
                stats);
    }

    private static List<StatsSample.BlkioEntry> blkio(Container c, boolean alive) {
        List<StatsSample.BlkioEntry> bytes = new ArrayList<>();
        if (alive && !v2()) {
            for (String line : text(dir("blkio", c.id()).resolve("blkio.throttle.io_service_bytes_recursive")).split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3 && f[0].contains(":")) {
                    String[] mm = f[0].split(":");
                    bytes.add(new StatsSample.BlkioEntry(Long.parseLong(mm[0]), Long.parseLong(mm[1]),
                            f[1].toLowerCase(java.util.Locale.ROOT), Long.parseLong(f[2])));
                }
            }
        }
        return bytes;
    }

    private static Map<String, StatsSample.NetworkIo> networks(long pid) {
        Map<String, StatsSample.NetworkIo> n = new java.util.LinkedHashMap<>();
        for (String line : text(Path.of("/proc", Long.toString(pid), "net", "dev")).split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            if (name.equals("lo")) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length >= 16) {
                n.put(name, new StatsSample.NetworkIo(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3]), Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]),
                        Long.parseLong(f[11])));
            }
        }
        return n;
    }

    /** The host's CPU time in nanoseconds, from the first line of /proc/stat (ticks are 1/100 s). */
    private static long systemCpu() {
        String first = text(Path.of("/proc/stat")).lines().findFirst().orElse("");
        long ticks = 0;
        String[] f = first.trim().split("\\s+");
        for (int i = 1; i < f.length && i <= 7; i++) {
            ticks += Long.parseLong(f[i]);
        }
        return ticks * 10_000_000L;
    }

    private static long totalMemory() {
        for (String line : text(Path.of("/proc/meminfo")).split("\n")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    /** {@code docker top}: the host's ps output, keeping the rows of the container's processes. */
    public static ProcessList top(List<Long> pids, String psArgs) {
        List<String> cmd = new ArrayList<>(List.of("ps"));
        cmd.addAll(List.of((psArgs == null || psArgs.isBlank() ? "-ef" : psArgs).trim().split("\\s+")));
        String out;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw EngineException.invalid("ps: " + out.strip());
            }
        } catch (IOException e) {
            throw EngineException.failed("cannot run ps: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.failed("interrupted", e);
        }
        List<String> lines = out.lines().toList();
        if (lines.isEmpty()) {
            return new ProcessList(List.of(), List.of());
        }
        String[] header = lines.getFirst().trim().split("\\s+");
        int pidCol = List.of(header).indexOf("PID");
        if (pidCol < 0) {
            throw EngineException.invalid("Couldn't find PID field in ps output");
        }
        List<List<String>> processes = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+", header.length);
            if (f.length > pidCol && pids.contains(Long.parseLong(f[pidCol]))) {
                processes.add(List.of(f));
            }
        }
        return new ProcessList(List.of(header), processes);
    }

    private static long number(Path p) {
        String t = text(p).trim();
        if (t.isEmpty() || t.equals("max")) {
            return 0;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, Long> keyed(Path p) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (String line : text(p).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                try {
                    out.put(f[0], Long.parseLong(f[1]));
                } catch (NumberFormatException ignored) {
                    // not a counter
                }
            }
        }
        return out;
    }

    private static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
