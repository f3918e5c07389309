package dev.gantry.core.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.sys.Spawn;
import dev.gantry.core.sys.Syscalls;
import dev.gantry.spi.runtime.OciRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts conmon, the per-container monitor from Debian: it runs the runtime's {@code create} (or {@code exec}),
 * holds the process's stdio, writes the log, keeps the attach socket and writes the exit code, and it outlives
 * Gantry. conmon reports the process's pid, or the runtime's error, on a sync pipe; the JDK cannot hand a child
 * a descriptor beyond stdio, so the pipe is a FIFO that {@link Spawn} opens as conmon's fd 3 (a shell did, one
 * more program per container). Gantry opens the FIFO read-write first so neither side blocks and nothing
 * written is lost if conmon exits early.
 */
public final class Conmon {
    private static final long START_TIMEOUT_MS = 60_000;
    private final Path binary;
    private final Path socketDir;

    /** What one conmon run needs. {@code cuuid} names its attach socket under the socket directory. */
    record Launch(String containerId, String cuuid, String name, Path dir, Path logFile, long logSizeMax,
                  Path exitDir, boolean tty, boolean stdin, boolean leaveStdinOpen, Optional<Path> execSpec) {
    }

    /** A running conmon: the process's pid, and for an exec the future of its exit code. */
    record Started(long pid, long monitorPid, CompletableFuture<Integer> execExit) {
    }

    Conmon(Path binary, Path socketDir) {
        this.binary = binary;
        this.socketDir = socketDir;
    }

    static Optional<Path> find() {
        for (String dir : List.of("/usr/bin", "/usr/libexec/podman", "/usr/local/bin", "/usr/sbin")) {
            Path p = Path.of(dir, "conmon");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The attach socket of a conmon run: its stdin goes in here. */
    Path attachSocket(String cuuid) {
        return socketDir.resolve(cuuid).resolve("attach");
    }

    Started launch(Launch l, OciRuntime runtime) {
        Path fifo = l.dir().resolve("sync");
        Path runtimeLog = l.dir().resolve("runtime.log");
        try {
            Files.createDirectories(socketDir);
            Files.createDirectories(l.exitDir());
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(runtimeLog);
            Files.deleteIfExists(l.dir().resolve("pidfile"));
            Syscalls.mknod(fifo, Syscalls.S_IFIFO | 0600, 0, 0);
        } catch (IOException e) {
            throw EngineException.failed("cannot prepare the monitor of " + l.containerId() + ": " + e.getMessage(), e);
        }
        FileChannel sync = null;
        try {
            sync = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
            // conmon forks its monitor and exits at once: a non-zero code means it refused its arguments
            int code = run(command(l, runtime, runtimeLog), l.dir().resolve("sync"), l.dir().resolve("conmon.out"));
            if (code != 0) {
                throw EngineException.failed("conmon failed to start: " + read(l.dir().resolve("conmon.out")), null);
            }
            long monitorPid = Long.parseLong(Files.readString(l.dir().resolve("conmon.pid")).trim());
            FileChannel channel = sync;
            CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> message(channel),
                    r -> Thread.ofVirtual().start(r));
            JsonNode msg = await(first, monitorPid, l, runtimeLog);
            long pid = msg.path("data").asLong(-1);
            if (pid <= 0) {
                sync.close();
                throw startFailure(msg.path("message").asText(""), runtimeLog);
            }
            CompletableFuture<Integer> exit = null;
            if (l.execSpec().isPresent()) {
                exit = CompletableFuture.supplyAsync(() -> {
                    try (channel) {
                        return message(channel).path("data").asInt(-1);
                    } catch (IOException e) {
                        return -1;
                    }
                }, r -> Thread.ofVirtual().start(r));
            } else {
                sync.close();
            }
            return new Started(pid, monitorPid, exit);
        } catch (IOException e) {
            close(sync);
            throw EngineException.failed("cannot run conmon: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            close(sync);
            Thread.currentThread().interrupt();
            throw EngineException.failed("interrupted while starting " + l.containerId(), e);
        } catch (RuntimeException e) {
            close(sync);
            throw e;
        }
    }

    private List<String> command(Launch l, OciRuntime runtime, Path runtimeLog) {
        List<String> rt = runtime.command();
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--api-version", "1",
                "-c", l.containerId(), "-u", l.cuuid(), "-n", l.name(), "-r", rt.get(0),
                "-b", l.dir().toString(), "-p", l.dir().resolve("pidfile").toString(),
                "-P", l.dir().resolve("conmon.pid").toString(),
                "-l", "k8s-file:" + l.logFile(), "--exit-dir", l.exitDir().toString(),
                "--socket-dir-path", socketDir.toString(), "--log-level", "error"));
        for (String arg : rt.subList(1, rt.size())) {
            cmd.add("--runtime-arg");
            cmd.add(arg);
        }
        cmd.addAll(List.of("--runtime-arg", "--log=" + runtimeLog, "--runtime-arg", "--log-format=json"));
        if (l.logSizeMax() > 0) {
            cmd.addAll(List.of("--log-size-max", Long.toString(l.logSizeMax())));
        }
        if (l.tty()) {
            cmd.add("-t");
        }
        if (l.stdin()) {
            cmd.add("-i");
            if (l.leaveStdinOpen()) {
                cmd.add("--leave-stdin-open");
            }
        }
        l.execSpec().ifPresent(spec -> cmd.addAll(List.of("-e", "--exec-process-spec", spec.toString())));
        return cmd;
    }

    /**
     * Runs conmon's first process to its end (it only forks the monitor), started directly with the FIFO as fd 3:
     * its exit code, or -1 when it hung and was killed.
     */
    private static int run(List<String> cmd, Path fifo, Path output) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("_OCI_SYNCPIPE", "3");
        long pid = Spawn.start(cmd, env, output, fifo);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (long pause = 1; ; pause = Math.min(pause * 2, 20)) {
            int code = Spawn.poll(pid);
            if (code >= 0) {
                return code;
            }
            if (System.nanoTime() > deadline) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                while (Spawn.poll(pid) < 0) {
                    Thread.sleep(1);
                }
                return -1;
            }
            Thread.sleep(pause);
        }
    }

    /** Waits for conmon's first message, giving up when the monitor died without one. */
    private static JsonNode await(CompletableFuture<JsonNode> first, long monitorPid, Launch l, Path runtimeLog)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (true) {
            try {
                return first.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                boolean alive = ProcessHandle.of(monitorPid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    try {
                        return first.get(50, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException | ExecutionException gone) {
                        throw startFailure("", runtimeLog);
                    }
                }
                if (System.currentTimeMillis() > deadline) {
                    throw EngineException.failed("timed out starting " + l.containerId(), null);
                }
            } catch (ExecutionException e) {
                throw EngineException.failed("conmon: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** The runtime's own words for a failed create, which Docker shows as they are. */
    private static EngineException startFailure(String conmonMessage, Path runtimeLog) {
        String detail = lastRuntimeError(runtimeLog).orElse(conmonMessage.strip());
        if (detail.isEmpty()) {
            detail = "the runtime failed without a message";
        }
        return new StartFailure(detail);
    }

    static Optional<String> lastRuntimeError(Path runtimeLog) {
        try {
            String last = null;
            for (String line : Files.readAllLines(runtimeLog)) {
                if (line.contains("\"level\":\"error\"")) {
                    last = ContainerStore.JSON.readTree(line).path("msg").asText();
                }
            }
            return Optional.ofNullable(last);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static JsonNode message(FileChannel channel) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        try {
            while (true) {
                one.clear();
                if (channel.read(one) <= 0) {
                    throw new IOException("sync pipe closed");
                }
                byte b = one.get(0);
                if (b == '\n') {
                    break;
                }
                line.write(b);
            }
            return ContainerStore.JSON.readTree(line.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    /** The runtime refused to create the process; Docker reports these with status 400 or 500 by the cause. */
    /**
     * The runtime could not start the process. runc and crun say why only in words, so they are read once, here,
     * into a cause; everything after works with the cause.
     */
    static final class StartFailure extends EngineException {
        /** Why: Docker answers a missing or unusable executable as the client's error (exit code 127 or 126). */
        enum Cause {
            NOT_FOUND(127, true), NOT_EXECUTABLE(126, true), RUNTIME(127, false);

            final int exitCode;
            final boolean clientError;

            Cause(int exitCode, boolean clientError) {
                this.exitCode = exitCode;
                this.clientError = clientError;
            }

            static Cause of(String runtimeMessage) {
                if (runtimeMessage.contains("permission denied")) {
                    return NOT_EXECUTABLE;
                }
                return List.of("executable file not found", "no such file or directory", "not a directory").stream()
                        .anyMatch(runtimeMessage::contains) ? NOT_FOUND : RUNTIME;
            }
        }

        final Cause cause;

        StartFailure(String detail) {
            super(Kind.FAILED, detail);
            this.cause = Cause.of(detail);
        }
    }
}
