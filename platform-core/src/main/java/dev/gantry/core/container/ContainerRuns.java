package dev.gantry.core.container;

import static dev.gantry.core.container.RootFs.prepareWorkdir;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.layer.FileTrees;
import dev.gantry.spi.runtime.OciRuntime;
import dev.gantry.spi.storage.StorageDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One run of a container: the root mounted, the network attached, the OCI bundle written, conmon and the runtime
 * started; and, when the run ends or fails, all of that taken down again. Called under the container's lock.
 */
final class ContainerRuns implements RunControl {
    private final ContainerStore store;
    private final ContainerPaths paths;
    private final Runtimes runtimes;
    private final Supplier<StorageDriver> storage;
    private final Conmon conmon;
    private final ExitWatcher exits;
    private final NetworkAttachment network;
    private final VolumeProvider volumes;
    private final StdinPipes stdin;
    private final Operations ops;
    private final LifecycleListener listeners;
    private final long defaultLogSizeMax;

    ContainerRuns(ContainerStore store, ContainerPaths paths, Runtimes runtimes, Supplier<StorageDriver> storage,
                  Conmon conmon, ExitWatcher exits, NetworkAttachment network, VolumeProvider volumes, StdinPipes stdin,
                  Operations ops, LifecycleListener listeners, long defaultLogSizeMax) {
        this.store = store;
        this.paths = paths;
        this.runtimes = runtimes;
        this.storage = storage;
        this.conmon = conmon;
        this.exits = exits;
        this.network = network;
        this.volumes = volumes;
        this.stdin = stdin;
        this.ops = ops;
        this.listeners = listeners;
        this.defaultLogSizeMax = defaultLogSizeMax;
    }

    /** Starts a new run; a failure is recorded in the container's state (Docker's exit codes) and thrown. */
    public void start(Container c) {
        listeners.beforeStart(c);
        Container next = c.nextGeneration();
        String id = c.id();
        Path bundle = paths.bundle(id);
        OciRuntime runtime = runtimes.of(c);
        try {
            exits.forget(id);
            runtime.delete(id, true);
            Files.createDirectories(bundle);
            Path rootfs = paths.rootfs(id);
            ops.child("storage.mount", () -> {
                RootFs.mount(storage.get().mounts(c.snapshot()), rootfs);
                return null;
            });
            var attachment = ops.child("network.attach", () -> network.attach(c));
            Container linked = network.linked(c);
            Map<String, Path> files = ContainerFiles.write(paths.dataDir(id), linked, attachment.address(),
                    attachment.embeddedDns());
            prepareWorkdir(c, rootfs);
            List<ObjectNode> mounts = Mounts.toOci(c, volumes, rootfs, paths.runRoot());
            ObjectNode spec = ops.child("spec.generate", () -> OciSpec.build(linked, new OciSpec.Inputs(rootfs, files,
                    attachment.netns(), mounts, InitBinary.of(c), HostLimits.rlimits())));
            Files.write(bundle.resolve("config.json"), ContainerStore.JSON.writeValueAsBytes(spec));
            boolean stdinOnce = c.config().stdinOnce();
            Conmon.Launch launch = new Conmon.Launch(id, c.shortId(), c.name(), bundle, paths.logFile(id),
                    conmonLogCap(c), exits.dir(), c.tty(), c.openStdin(), !stdinOnce, Optional.empty());
            Conmon.Started started = ops.child("runtime.create", () -> conmon.launch(launch, runtime));
            SubpathMounts.release(paths.runRoot(), id); // the container has its own mounts of them now
            stdin.connectAll(c);
            ops.child("runtime.start", () -> {
                runtime.start(id);
                return null;
            });
            Container running = store.update(next.withState(c.state().running(started.pid(), started.monitorPid(), Instant.now())));
            listeners.started(running);
        } catch (Conmon.StartFailure e) {
            cleanup(c, runtime);
            store.update(next.withState(c.state().failedToStart(e.getMessage(), e.cause.exitCode)));
            String message = "failed to create task for container: failed to create shim task: OCI runtime create failed: "
                    + e.getMessage() + ": unknown";
            throw e.cause.clientError ? EngineException.invalid(message) : EngineException.failed(message, null);
        } catch (IOException e) {
            cleanup(c, runtime);
            store.update(next.withState(c.state().failedToStart(e.getMessage(), 128)));
            throw EngineException.failed("cannot start container " + id + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanup(c, runtime);
            store.update(next.withState(c.state().failedToStart(String.valueOf(e.getMessage()), 128)));
            throw e;
        }
    }

    /** Takes down what a run set up: the runtime's container, the network, the mounted root, the bundle. */
    void cleanup(Container c, OciRuntime runtime) {
        try {
            runtime.delete(c.id(), true);
        } catch (RuntimeException ignored) {
            // gone already
        }
        network.detach(c);
        Path bundle = paths.bundle(c.id());
        RootFs.unmount(bundle.resolve("rootfs"));
        if (!RootFs.isMounted(bundle.resolve("rootfs"))) {
            FileTrees.deleteQuietly(bundle);
        }
        try {
            Files.deleteIfExists(paths.attachLink(c.shortId()));
        } catch (IOException ignored) {
            // conmon removes its own link when it exits cleanly
        }
        exits.forget(c.id());
        SubpathMounts.release(paths.runRoot(), c.id());
        stdin.closeAll(c.id());
    }

    public void cleanup(Container c) {
        cleanup(c, runtimes.of(c));
    }

    private long conmonLogCap(Container c) {
        return LogDrivers.readable(c.hostConfig()) ? LogRotator.conmonCap(logSizeMax(c)) : logSizeMax(c);
    }

    long logSizeMax(Container c) {
        String size = c.hostConfig().logConfig().option("max-size");
        return !LogDrivers.readable(c.hostConfig()) ? LogDrivers.NONE_RELAY_BYTES
                : size.isEmpty() ? defaultLogSizeMax : Sizes.parse(size);
    }
}
