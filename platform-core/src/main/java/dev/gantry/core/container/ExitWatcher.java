package dev.gantry.core.container;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.OptionalInt;
import java.util.function.ObjIntConsumer;
import java.util.regex.Pattern;

/**
 * Watches the directory where conmon writes a file named by the container's ID, holding its exit code, when the
 * container's process ends (conmon writes it after the log is drained, so the log is complete by then). inotify
 * through the JDK's WatchService; one thread for all containers.
 */
final class ExitWatcher implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
    private final Path dir;
    private final WatchService watcher;
    private final Thread thread;

    ExitWatcher(Path dir, ObjIntConsumer<String> onExit) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.watcher = dir.getFileSystem().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        this.thread = Thread.ofPlatform().daemon().name("gantry-exits").start(() -> loop(onExit));
    }

    Path dir() {
        return dir;
    }

    /** The exit code conmon recorded for {@code id}, if it did. */
    OptionalInt exitCode(String id) {
        try {
            String s = Files.readString(dir.resolve(id)).trim();
            return OptionalInt.of(Integer.parseInt(s));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    void forget(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id));
        } catch (IOException ignored) {
            // a stale exit file is ignored: starts remove it before conmon runs
        }
    }

    private void loop(ObjIntConsumer<String> onExit) {
        while (true) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            for (WatchEvent<?> ev : key.pollEvents()) {
                if (ev.context() instanceof Path p && ID.matcher(p.toString()).matches()) {
                    String id = p.toString();
                    exitCode(id).ifPresent(code -> Thread.ofVirtual().start(() -> onExit.accept(id, code)));
                }
            }
            key.reset();
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException ignored) {
            // closing at shutdown
        }
        thread.interrupt();
    }
}
