package dev.gantry.hooks;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

/**
 * A file of the hooks directory as last seen: the module in force (the last version that loaded) and the error
 * of the current version, if it does not load. Both may be set: a broken edit keeps the previous version.
 */
final class HookFile {
    /** Why the current version did not load. */
    record Failure(String message, int line) {
    }

    final String name;
    final Path path;
    FileTime modified;
    long size;
    String text;
    HookModule module;
    Failure failure;
    Instant nextRun;
    volatile boolean scheduled;

    HookFile(String name, Path path) {
        this.name = name;
        this.path = path;
    }

    Optional<HookModule> module() {
        return Optional.ofNullable(module);
    }

    Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }
}
