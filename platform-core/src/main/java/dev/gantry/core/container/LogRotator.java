package dev.gantry.core.container;

import dev.gantry.core.layer.FileTrees;
import dev.gantry.core.logs.LogFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Docker's json-file rotation for the logs conmon writes: when a running container's log reaches
 * {@code max-size}, it becomes {@code container.log.1} (older ones shift up, the oldest beyond {@code max-file}
 * goes) and conmon is told to reopen its log (control message 2).
 *
 * <p>conmon has a size cap of its own, so a log stays bounded while Gantry is down, but when conmon reaches it it
 * replaces the live file with an empty one and what was in it is gone (and conmon 2.1's count does not restart at
 * a reopen, so it reaches the cap every {@code cap} bytes whatever the rotation does). Two things keep that from
 * losing output while Gantry runs: conmon's cap is well above the rotation threshold ({@link #conmonCap}), and a
 * second name, {@code container.log.live}, holds the live file, so a file conmon replaced is still there to be
 * rotated in on the next sweep.
 */
public final class LogRotator implements AutoCloseable {
    private final ContainerSupervisor supervisor;
    private static final long RELAY_GRACE_MS = 3_000;
    private static final long REOPEN_WAIT_NANOS = 100_000_000;
    private static final long REOPEN_POLL_NANOS = 200_000;
    private final int defaultMaxFiles;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("gantry-log-rotation").factory());

    public LogRotator(ContainerSupervisor supervisor, int defaultMaxFiles) {
        this.supervisor = supervisor;
        this.defaultMaxFiles = defaultMaxFiles;
        timer.scheduleWithFixedDelay(this::sweep, 200, 200, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        for (Container c : supervisor.store().list()) {
            try {
                if (c.status().alive()) {
                    rotateIfFull(c);
                } else if (!LogDrivers.readable(c.hostConfig())) {
                    dropRelay(c);
                }
            } catch (IOException | RuntimeException ignored) {
                // tried again on the next sweep
            }
        }
    }

    /**
     * A {@code none} container keeps no log: the file that relayed its output to attached clients goes once they
     * have had time to read the end of it.
     */
    private void dropRelay(Container c) {
        Path log = supervisor.logFile(c.id());
        if (c.status() != ContainerStatus.EXITED || !Files.exists(log)) {
            return;
        }
        // under the container's lock, so a start that is making a new relay is not in between
        supervisor.withLock(c.id(), () -> {
            Container now = supervisor.store().get(c.id()).orElse(null);
            if (now != null && now.status() == ContainerStatus.EXITED
                    && ContainerSupervisor.since(now.state().finishedAt()).toMillis() > RELAY_GRACE_MS) {
                FileTrees.deleteQuietly(log);
            }
            return null;
        });
    }

    /**
     * The cap conmon is given for a log Gantry rotates at {@code max}: far enough above it that conmon reaches it
     * only when Gantry has not rotated for a while (it is down, or a writer outran a sweep by more than 64 MiB).
     */
    static long conmonCap(long max) {
        return max <= 0 ? max : max + Math.max(max, 64L << 20);
    }

    void rotateIfFull(Container c) throws IOException {
        long max = supervisor.logSizeMax(c);
        int files = maxFiles(c);
        Path log = supervisor.logFile(c.id());
        if (max <= 0 || files < 2) {
            return;
        }
        Path live = liveName(log);
        if (Files.exists(live) && Files.exists(log) && !sameFile(live, log)) {
            // conmon replaced the live file at its cap: the replaced one is the newest rotated file
            shift(log, files);
            Files.move(live, rotated(log, 1), StandardCopyOption.REPLACE_EXISTING);
        }
        if (ContainerLog.size(log) >= max * 3 / 4) {
            shift(log, files);
            Files.move(log, rotated(log, 1), StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(live);
            Terminal.reopenLogs(supervisor.bundle(c.id()).resolve("ctl"));
            linkWhenReopened(log, live);
        } else if (Files.exists(log) && !Files.exists(live)) {
            Files.createLink(live, log);
        }
    }

    /**
     * Gives the file conmon opens on the reopen its second name as soon as it is there, not a sweep later: conmon's
     * own cap counts on across a reopen and may replace that file at any moment, and without the second name what
     * was written to it would be gone.
     */
    private static void linkWhenReopened(Path log, Path live) throws IOException {
        long end = System.nanoTime() + REOPEN_WAIT_NANOS;
        while (System.nanoTime() < end) {
            if (Files.exists(log)) {
                try {
                    Files.createLink(live, log);
                } catch (FileAlreadyExistsException | NoSuchFileException raced) {
                    // replaced or linked meanwhile: the next sweep sorts it out
                }
                return;
            }
            LockSupport.parkNanos(REOPEN_POLL_NANOS);
        }
    }

    private static void shift(Path log, int files) throws IOException {
        Files.deleteIfExists(rotated(log, files - 1));
        for (int i = files - 2; i >= 1; i--) {
            if (Files.exists(rotated(log, i))) {
                Files.move(rotated(log, i), rotated(log, i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Path liveName(Path log) {
        return LogFiles.kept(log);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return true; // one of them went between the checks: nothing to adopt on this sweep
        }
    }

    int maxFiles(Container c) {
        String text = c.hostConfig().logConfig().option("max-file");
        try {
            return text.isEmpty() || !LogDrivers.readable(c.hostConfig())
                    ? LogDrivers.defaultFiles(c.hostConfig(), defaultMaxFiles) : Math.max(1, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return defaultMaxFiles;
        }
    }

    private static Path rotated(Path log, int n) {
        return LogFiles.rotated(log, n);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
