package dev.gantry.spi.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a host tool as a shell's {@code command -v} would, without starting a shell: plugins probe for their
 * tools at every engine start, and a process per lookup was a measurable part of start-up
 * (docs/benchmarks-startup.md). The sbin directories are searched after the PATH, since a user's PATH may lack
 * them while the tools live there.
 */
public final class Executables {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Executables() {
    }

    /** The executable {@code name} on the engine's PATH (or in an sbin), if there is one. */
    public static Optional<Path> find(String name) {
        return find(name, System.getenv().getOrDefault("PATH", DEFAULT_PATH));
    }

    static Optional<Path> find(String name, String path) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (String dir : (path + ":/usr/sbin:/usr/bin:/sbin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
