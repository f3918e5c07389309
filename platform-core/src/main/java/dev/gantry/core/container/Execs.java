package dev.gantry.core.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.layer.FileTrees;
import dev.gantry.core.logs.LogQuery;
import dev.gantry.core.logs.LogStreamer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exec sessions: another process in a running container, run by its own conmon ({@code conmon --exec}) so it
 * gets a log, an attach socket and a terminal like the container's own process. Records stay until their
 * container is removed, so the CLI can read the exit code after the stream ends.
 */
public final class Execs {
    /** One exec, as {@code GET /exec/{id}/json} shows it. */
    public static final class Exec {
        public final String id;
        public final String containerId;
        public final ExecConfig config;
        public volatile boolean running;
        public volatile Integer exitCode;
        public volatile long pid;
        volatile boolean started;

        Exec(String id, String containerId, ExecConfig config) {
            this.id = id;
            this.containerId = containerId;
            this.config = config;
        }

        public List<String> cmd() {
            return config.cmd();
        }

        public boolean tty() {
            return config.tty();
        }
    }

    /**
     * conmon replaces a detached exec's log with an empty one at this size: nobody reads that output (dockerd
     * throws it away), and it must not fill the disk. An attached exec's log has no cap, since a reader more
     * than a cap behind would lose output; it grows only as far as its client lags.
     */
    static final long DETACHED_OUTPUT_CAP = 16L << 20;
    private final ContainerContext ctx;
    private final Map<String, Exec> execs = new ConcurrentHashMap<>();

    public Execs(ContainerContext ctx) {
        this.ctx = ctx;
        ctx.listeners().add(new LifecycleListener() {
            @Override
            public void removed(Container c) {
                execs.values().removeIf(e -> e.containerId.equals(c.id()));
            }
        });
    }

    public String create(String ref, ExecConfig config) {
        Container c = ctx.store().resolve(ref);
        if (c.status() == ContainerStatus.PAUSED) {
            throw EngineException.conflict("Container " + c.id() + " is paused, unpause the container before exec");
        }
        if (c.status() != ContainerStatus.RUNNING) {
            throw EngineException.conflict("container " + c.id() + " is not running");
        }
        if (config.cmd().isEmpty()) {
            throw EngineException.invalid("No exec command specified");
        }
        String id = Names.newId();
        Exec e = new Exec(id, c.id(), config);
        execs.put(id, e);
        ctx.events().emit(c, "exec_create: " + String.join(" ", e.cmd()), Map.of("execID", id));
        return id;
    }

    public Exec get(String id) {
        Exec e = execs.get(id);
        if (e == null) {
            throw EngineException.notFound("No such exec instance: " + id);
        }
        return e;
    }

    public List<String> ofContainer(String containerId) {
        return execs.values().stream().filter(e -> e.containerId.equals(containerId)).map(e -> e.id).toList();
    }

    /**
     * Starts the exec. Output goes to {@code sink} (null when detached) until the process ends; the returned
     * session takes its input.
     */
    public Session start(String id, boolean detach, OutputSink sink) throws IOException {
        Exec e = get(id);
        synchronized (e) {
            if (e.started) {
                throw EngineException.conflict("Error: Exec command " + id + " has already run");
            }
            e.started = true;
        }
        Container c = ctx.store().resolve(e.containerId);
        if (c.status() != ContainerStatus.RUNNING) {
            throw EngineException.conflict("container " + c.id() + " is not running");
        }
        Path dir = ctx.paths().execDir(id);
        Files.createDirectories(dir);
        Path spec = dir.resolve("process.json");
        Files.write(spec, ContainerStore.JSON.writeValueAsBytes(process(c, e)));
        Path log = dir.resolve("exec.log");
        boolean stdin = !detach && e.config.attachStdin();
        // a terminal's input stays open when the client leaves (detach keys, a dropped connection), as in dockerd;
        // a pipe's input ends with the client's
        Conmon.Launch launch = new Conmon.Launch(c.id(), id.substring(0, 12), c.name(), dir, log, detach ? DETACHED_OUTPUT_CAP : 0,
                dir.resolve("exit"), e.tty(), stdin, e.tty(), Optional.of(spec));
        Conmon.Started started;
        try {
            started = ctx.conmon().launch(launch, ctx.runtimes().of(c));
        } catch (Conmon.StartFailure failure) {
            e.exitCode = 126;
            FileTrees.deleteQuietly(dir);
            throw EngineException.invalid("OCI runtime exec failed: " + failure.getMessage() + ": unknown");
        }
        e.pid = started.pid();
        e.running = true;
        ctx.events().emit(c, "exec_start: " + String.join(" ", e.cmd()), Map.of("execID", id));
        StdinPipe pipe = null;
        if (stdin) {
            pipe = new StdinPipe();
            try {
                pipe.connect(ctx.conmon().attachSocket(id.substring(0, 12)));
            } catch (IOException gone) {
                // the process ended before its input could be connected: there is nothing to feed
                pipe.close();
            }
        }
        StdinPipe input = pipe;
        Session session = new Session(input, () -> {
            if (input != null) {
                input.close();
            }
        });
        CompletableFuture<Integer> exit = started.execExit();
        Thread.ofVirtual().name("exec-" + id.substring(0, 12)).start(() -> {
            try {
                if (sink != null) {
                    LogQuery query = new LogQuery(Long.MIN_VALUE, Long.MAX_VALUE, -1,
                            e.config.attachStdout(), e.config.attachStderr(),
                            true, false, null);
                    LogStreamer.stream(log, query, () -> !exit.isDone(), new SinkOutput(sink, sink::closed));
                }
                int code = exit.join();
                finish(e, c, code, dir, started.monitorPid());
            } catch (IOException | RuntimeException ex) {
                finish(e, c, exit.isDone() && !exit.isCompletedExceptionally() ? exit.join() : -1, dir, started.monitorPid());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            } finally {
                if (sink != null) {
                    sink.end();
                }
                session.close();
            }
        });
        return session;
    }

    private void finish(Exec e, Container c, int code, Path dir, long monitorPid) {
        if (!e.running) {
            return;
        }
        e.exitCode = code;
        e.running = false;
        e.pid = 0;
        ctx.events().emit(c, "exec_die", Map.of("execID", e.id, "exitCode", Integer.toString(code)));
        // conmon reports the code before it removes its own files: deleting under it would stop half way
        ProcessHandle.of(monitorPid).ifPresent(m -> {
            try {
                m.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ignored) {
                // removed as far as it goes
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        });
        FileTrees.deleteQuietly(dir);
        // conmon --exec leaves the link to its attach socket behind
        FileTrees.deleteQuietly(ctx.paths().attachLink(e.id.substring(0, 12)));
    }

    /** The result of a probe: exit code and the start of its output. */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code cmd} in the container and waits for it, as health checks do; gives up after {@code timeoutMs}. */
    public Result run(String containerId, List<String> cmd, long timeoutMs) throws IOException, InterruptedException {
        String id = create(containerId, ExecConfig.probe(cmd));
        StringBuilder out = new StringBuilder();
        CompletableFuture<Void> done = new CompletableFuture<>();
        start(id, false, new OutputSink() {
            @Override
            public void write(int stream, byte[] data) {
                synchronized (out) {
                    if (out.length() < 4096) {
                        out.append(new String(data, java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }

            @Override
            public void end() {
                done.complete(null);
            }

            @Override
            public boolean closed() {
                return false;
            }
        });
        Exec e = get(id);
        try {
            done.get(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException t) {
            if (e.pid > 0) {
                ProcessHandle.of(e.pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            execs.remove(id);
            return new Result(-1, "Health check exceeded timeout (" + timeoutMs + "ms)");
        } catch (java.util.concurrent.ExecutionException ex) {
            return new Result(-1, String.valueOf(ex.getCause()));
        }
        execs.remove(id);
        synchronized (out) {
            return new Result(e.exitCode == null ? -1 : e.exitCode, out.toString());
        }
    }

    public void resize(String id, int height, int width) {
        Exec e = get(id);
        if (!e.running) {
            throw EngineException.conflict("exec " + id + " is not running");
        }
        Terminal.resize(ctx.paths().execDir(id).resolve("ctl"), height, width);
    }

    /** The exec's OCI process: the container's own, with the exec's command, env, user, cwd and terminal. */
    private ObjectNode process(Container c, Exec e) throws IOException {
        JsonNode spec = ContainerStore.JSON.readTree(ctx.paths().bundle(c.id()).resolve("config.json").toFile());
        ObjectNode p = ((ObjectNode) spec.path("process")).deepCopy();
        p.put("terminal", e.tty());
        ArrayNode args = p.putArray("args");
        e.cmd().forEach(args::add);
        var defaults = EnvVars.asMap(OciSpec.strings(p.path("env")));
        if (e.tty()) {
            defaults.putIfAbsent("TERM", "xterm");
        }
        List<String> env = EnvVars.apply(defaults, e.config.env());
        ArrayNode envNode = p.putArray("env");
        env.forEach(envNode::add);
        String wd = e.config.workingDir();
        if (!wd.isEmpty()) {
            p.put("cwd", wd);
        }
        String user = e.config.user();
        if (!user.isEmpty()) {
            UserLookup.Resolved u = UserLookup.resolve(ctx.paths().rootfs(c.id()), user, List.of());
            ObjectNode un = p.putObject("user");
            un.put("uid", u.uid());
            un.put("gid", u.gid());
        }
        if (e.config.privileged()) {
            ObjectNode caps = p.putObject("capabilities");
            for (String set : List.of("bounding", "effective", "permitted")) {
                ArrayNode arr = caps.putArray(set);
                Capabilities.bounding().forEach(arr::add);
            }
        }
        p.remove("rlimits");
        p.remove("oomScoreAdj");
        return p;
    }
}
