package dev.gantry.rest.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What containers of a test engine may leave on the host when a test fails halfway: monitors and container
 * processes, and mounts under the test's root. Counted by the leftover checks, and cleared before a root is
 * deleted so deletion never walks into a mounted container file system.
 */
final class Leftovers {
    private Leftovers() {
    }

    /** Mount points under {@code root}, deepest first. */
    static List<String> mounts(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        String prefix = root.toRealPath().toString() + "/";
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f.length > 4 && f[4].startsWith(prefix)) {
                out.add(f[4]);
            }
        }
        out.sort((a, b) -> b.length() - a.length());
        return out;
    }

    /** Pids of monitors (conmon) and runtime processes whose command lines name {@code root}. */
    static List<Long> monitors(Path root) {
        String needle = root.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/conmon") || c.endsWith("/runc")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(needle)).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    static void clear(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            // the runtime's state names each container's cgroup; killing the monitors' children ends them
            for (long pid : monitors(root)) {
                ProcessHandle.of(pid).ifPresent(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
            }
            Path runcRoot = root.resolve("run/plugins/runtime/runc/root");
            if (Files.isDirectory(runcRoot)) {
                try (var ids = Files.list(runcRoot)) {
                    for (Path id : ids.toList()) {
                        GantryProcess.run(List.of("runc", "--root", runcRoot.toString(), "delete", "--force",
                                id.getFileName().toString()), java.util.Map.of());
                    }
                }
            }
            for (String m : mounts(root)) {
                GantryProcess.run(List.of("umount", "-l", m), java.util.Map.of());
            }
        } catch (IOException | InterruptedException e) {
            // best effort: the deletion below refuses nothing, but a mount left would be reported by the checks
        }
    }
}
