package dev.gantry.spi.runtime;

import java.nio.file.Path;

/**
 * Where a process's standard streams go when no monitor holds them: plain files (or {@code /dev/null}).
 * The container monitor (conmon) replaces this with pipes or a terminal of its own.
 */
public record StdioFiles(Path stdin, Path stdout, Path stderr) {
    private static final Path NULL = Path.of("/dev/null");

    public static StdioFiles discard() {
        return new StdioFiles(NULL, NULL, NULL);
    }
}
