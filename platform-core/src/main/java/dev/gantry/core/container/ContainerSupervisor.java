package dev.gantry.core.container;

import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.container.config.HostResources;
import dev.gantry.core.container.config.EndpointConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.layer.FileTrees;
import dev.gantry.core.plugin.PluginRegistry;
import dev.gantry.spi.plugin.PluginException;
import dev.gantry.spi.runtime.OciRuntime;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The container lifecycle's entry point: create, start, stop, kill, pause, restart, remove, wait, update, and
 * network connect/disconnect. The work lives in one class per concern ({@link ContainerCreator},
 * {@link ContainerRuns}, {@link ContainerSignals}, {@link ExitHandler}, {@link Reconciler},
 * {@link NetworkAttachment}); this class checks the container's state, takes its lock, and runs each operation
 * once through {@link Operations} (span and timer). Each container's transitions are serialized by its own lock;
 * waits for an exit happen outside it, since the exit itself needs the lock. Other parts attach to the steps
 * through {@link LifecycleListener}s.
 */
public final class ContainerSupervisor implements AutoCloseable {
    /** Where files go and how big a log may grow before conmon cuts it. */
    public record Options(Path dataRoot, Path runRoot, long logSizeMax, Optional<String> defaultRuntime) {
    }

    /** The parts the lifecycle uses when they exist: without networking, containers get loopback only (or the host's). */
    public record Parts(VolumeProvider volumes, Optional<ContainerNetworks> networking, Optional<ContainerMetrics> metrics) {
    }

    /** What create returns: the ID and the warnings Docker would give. */
    public record Created(String id, List<String> warnings) {
    }

    private final ContainerStore store;
    private final ImageStore images;
    private final ContainerPaths paths;
    private final ContainerLocks locks = new ContainerLocks();
    /** How long an auto-removal waits for attached clients to read the end of the log. */
    private static final java.time.Duration READERS_GRACE = java.time.Duration.ofSeconds(60);
    private final AttachedReaders readers = new AttachedReaders();
    private final ContainerEvents events;
    private final LifecycleListeners listeners = new LifecycleListeners();
    private final Runtimes runtimes;
    private final Conmon conmon;
    private final ExitWatcher exitFiles;
    private final ExitWaiters waiters = new ExitWaiters();
    private final Operations ops;
    private final StdinPipes stdin;
    private final NetworkAttachment network;
    private final ContainerCreator creator;
    private final ContainerRuns runs;
    private final ContainerSignals signals;
    private final ExitHandler exits;
    private final Reconciler reconciler;
    private final ContainerContext context;

    public ContainerSupervisor(Options options, ContainerStore store, ImageStore images, PluginRegistry plugins,
                               EventBus bus, Tracer tracer, Parts parts) throws IOException {
        this.store = store;
        this.images = images;
        this.paths = new ContainerPaths(options.dataRoot(), options.runRoot());
        this.events = new ContainerEvents(bus);
        this.runtimes = new Runtimes(plugins, options.defaultRuntime());
        Path conmonBinary = Conmon.find().orElseThrow(() -> new IOException("conmon is not installed (apt-get install conmon)"));
        this.conmon = new Conmon(conmonBinary, Files.createDirectories(options.runRoot().resolve("sock")));
        this.ops = new Operations(tracer, parts.metrics());
        this.stdin = new StdinPipes(conmon::attachSocket);
        this.network = new NetworkAttachment(parts.networking(), store, locks, paths);
        listeners.add(new LifecycleEvents(events));
        this.creator = new ContainerCreator(store, paths, images, runtimes, network, parts.volumes(), ops, listeners);
        this.exitFiles = new ExitWatcher(options.runRoot().resolve("exits"), (id, code) -> exits().exited(id, code));
        this.runs = new ContainerRuns(store, paths, runtimes, images::storage, conmon, exitFiles, network,
                parts.volumes(), stdin, ops, listeners, options.logSizeMax());
        this.exits = new ExitHandler(store, locks, paths, runs, waiters, listeners, id -> {
            readers.awaitNone(id, READERS_GRACE);
            remove(id, true, true);
        });
        this.signals = new ContainerSignals(store, locks, runtimes, events, waiters, exits);
        this.reconciler = new Reconciler(store, paths, runtimes, images::storage, exitFiles, exits, network, listeners,
                this::start, runs::cleanup);
        this.context = new ContainerContext(store, paths, locks, events, runtimes, conmon, parts.volumes(), listeners);
    }

    private ExitHandler exits() {
        return exits;
    }

    /** What exec, file system access and health checks share with the lifecycle. */
    public ContainerContext context() {
        return context;
    }

    public void listen(LifecycleListener l) {
        listeners.add(l);
    }

    public ContainerStore store() {
        return store;
    }

    public Path dataDir(String id) {
        return paths.dataDir(id);
    }

    public Path bundle(String id) {
        return paths.bundle(id);
    }

    public Path logFile(String id) {
        return paths.logFile(id);
    }

    public OciRuntime runtime(Container c) {
        return runtimes.of(c);
    }

    <T> T withLock(String id, Supplier<T> work) {
        return locks.withLock(id, work);
    }

    void emit(Container c, String action) {
        events.emit(c, action);
    }

    long logSizeMax(Container c) {
        return runs.logSizeMax(c);
    }

    public Created create(CreateRequest request) {
        return ops.run("create", () -> creator.create(request));
    }

    public void start(String ref) {
        on("start", ref, c -> {
            try {
                locks.withLock(c.id(), () -> {
                    Container now = store.resolve(c.id());
                    switch (now.status()) {
                        case RUNNING -> throw EngineException.notModified();
                        case PAUSED -> throw EngineException.conflict("cannot start a paused container, try unpause instead");
                        case REMOVING, DEAD -> throw EngineException.conflict("container is marked for removal and cannot be started");
                        default -> { }
                    }
                    runs.start(now.withManuallyStopped(false));
                    return null;
                });
            } catch (RuntimeException e) {
                if (c.autoRemove() && !(e instanceof EngineException ee && ee.kind() == EngineException.Kind.NOT_MODIFIED)) {
                    // Docker removes an AutoRemove container whose start failed; the CLI waits for that
                    Thread.ofVirtual().start(() -> {
                        try {
                            remove(c.id(), true, true);
                        } catch (RuntimeException ignored) {
                            // removed meanwhile
                        }
                    });
                }
                throw e;
            }
        });
    }

    public void stop(String ref, Optional<String> signal, Optional<Integer> timeoutSeconds) {
        on("stop", ref, c -> signals.stop(c, signal, timeoutSeconds));
    }

    public void kill(String ref, String signal) {
        on("kill", ref, c -> signals.kill(c, signal));
    }

    public void restart(String ref, Optional<String> signal, Optional<Integer> timeoutSeconds) {
        Container c = store.resolve(ref);
        if (c.status().alive() && c.status() != ContainerStatus.RESTARTING) {
            stop(ref, signal, timeoutSeconds);
        }
        start(c.id());
        events.emit(store.resolve(c.id()), "restart");
    }

    public void pause(String ref) {
        on("pause", ref, signals::pause);
    }

    public void unpause(String ref) {
        on("unpause", ref, signals::unpause);
    }

    /** {@code docker update}: new limits in the record, and on the running container through the runtime. */
    public List<String> update(String ref, HostResources.Update request) {
        Container c = store.resolve(ref);
        return locks.withLock(c.id(), () -> {
            Container now = store.resolve(c.id());
            HostConfig hc = Resources.update(now.hostConfig(), request);
            if (now.status().alive()) {
                ObjectNode resources = Resources.toOci(hc, hc.privileged());
                resources.remove("devices");
                try {
                    Path file = paths.bundle(now.id()).resolve("update.json");
                    Files.write(file, ContainerStore.JSON.writeValueAsBytes(resources));
                    runtimes.of(now).update(now.id(), file);
                } catch (IOException e) {
                    throw EngineException.failed("cannot update " + now.id() + ": " + e.getMessage(), e);
                } catch (PluginException e) {
                    throw EngineException.invalid("Cannot update container " + now.id() + ": " + e.getMessage());
                }
            }
            store.update(now.withHostConfig(hc));
            events.emit(now, "update");
            return List.<String>of();
        });
    }

    public ProcessList top(String ref, String psArgs) {
        Container c = store.resolve(ref);
        if (!c.status().alive()) {
            throw EngineException.conflict("Container " + c.id() + " is not running");
        }
        return ContainerStats.top(runtimes.of(c).pids(c.id()), psArgs);
    }

    /** An attached client reading {@code id}'s log, until closed: auto-removal waits for it. */
    AttachedReaders.Reading attachedReader(String id) {
        return readers.enter(id);
    }

    public void remove(String ref, boolean force, boolean removeVolumes) {
        on("remove", ref, c -> removeResolved(c, force, removeVolumes));
    }

    /** An operation on one container, timed and traced, the container looked up inside it. */
    private void on(String operation, String ref, java.util.function.Consumer<Container> work) {
        ops.run(operation, () -> {
            Container c = store.resolve(ref);
            io.opentelemetry.api.trace.Span.current().setAttribute("container.id", c.id());
            work.accept(c);
        });
    }

    private void removeResolved(Container c, boolean force, boolean removeVolumes) {
        if (c.status().alive() && !force) {
            String what = c.status() == ContainerStatus.PAUSED ? "container is paused and must be unpaused first"
                    : "container is " + c.status().word() + ": stop the container before removing or force remove";
            throw EngineException.conflict("cannot remove container \"/" + c.name() + "\": " + what);
        }
        if (c.status() == ContainerStatus.RESTARTING) {
            // between runs: ending the restarting is enough, the timer will not start it again
            exits.endRestarting(c.id());
        } else if (c.status().alive()) {
            ops.step("runtime.kill", () -> signals.killForRemoval(c));
        }
        Container gone = locks.withLock(c.id(), () -> {
            Container now = store.get(c.id()).orElse(null);
            if (now == null) {
                return null;
            }
            if (now.status().alive() && now.status() != ContainerStatus.RESTARTING) {
                // the exit was not seen (the monitor died with it): take the run down here
                runs.cleanup(now);
            }
            ops.step("storage.remove", () -> {
                try {
                    images.storage().remove(now.snapshot());
                } catch (RuntimeException e) {
                    throw EngineException.failed("cannot remove the file system of " + now.id() + ": " + e.getMessage(), e);
                }
            });
            FileTrees.deleteQuietly(paths.dataDir(now.id()));
            ops.step("state.remove", () -> store.remove(now.id()));
            return now;
        });
        if (gone == null) {
            return;
        }
        locks.forget(c.id());
        for (MountPoint m : gone.mounts()) {
            if (m.type().equals("volume")) {
                context.volumes().released(m.name(), removeVolumes && m.options().equals("anonymous"));
            }
        }
        listeners.removed(gone);
        waiters.removed(c.id(), gone.state().exitCode());
    }

    public void rename(String ref, String newName) {
        String name = newName.startsWith("/") ? newName.substring(1) : newName;
        if (name.isEmpty()) {
            throw EngineException.invalid("Neither old nor new names may be empty");
        }
        ContainerStore.checkName(name);
        Container c = store.resolve(ref);
        if (c.name().equals(name)) {
            throw EngineException.conflict("Renaming a container with the same name as its current name");
        }
        locks.withLock(c.id(), () -> store.update(store.resolve(c.id()).withName(name)));
        events.emit(store.resolve(c.id()), "rename", Map.of("oldName", "/" + c.name()));
    }

    /** Docker's wait conditions: {@code not-running} (the default), {@code next-exit}, {@code removed}. */
    public CompletableFuture<Integer> waitFor(String ref, String condition) {
        return waiters.waitFor(store.resolve(ref), condition);
    }

    /** Registers a stdin pipe for the container's next (or current) run. */
    StdinPipe stdinFor(Container c) {
        return stdin.open(c, store.resolve(c.id()).status().alive());
    }

    void dropStdin(Container c, StdinPipe pipe) {
        stdin.drop(c, pipe);
    }

    /** Tells conmon the terminal's new size. */
    public void resize(String ref, int height, int width) {
        Container c = store.resolve(ref);
        if (!c.status().alive()) {
            throw EngineException.conflict("Container " + c.id() + " is not running");
        }
        Terminal.resize(paths.bundle(c.id()).resolve("ctl"), height, width);
    }

    /** {@code network connect}: recorded for the next start, and made at once when the container runs. */
    public void connect(String ref, String networkRef, EndpointConfig settings) {
        network.connect(ref, networkRef, settings);
    }

    /** {@code network disconnect}; with {@code force} a network that no longer exists is dropped by name. */
    public void disconnect(String ref, String networkRef, boolean force) {
        network.disconnect(ref, networkRef, force);
    }

    /** {@code DELETE /containers/{parent}/{alias}?link=1}: the parent forgets that link; no container goes. */
    public void unlink(String parentRef, String alias) {
        network.unlink(parentRef, alias);
    }

    /**
     * Reconciles the store with what the runtime and the monitors report, after Gantry (re)starts: running
     * containers stay, the ones that ended meanwhile get their exit code, restart policies apply.
     */
    public void restore() {
        reconciler.restore();
    }

    @Override
    public void close() {
        exitFiles.close();
        exits.close();
    }

    static Duration since(Instant t) {
        return Duration.between(t, Instant.now());
    }
}
