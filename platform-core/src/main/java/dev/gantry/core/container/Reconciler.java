package dev.gantry.core.container;

import dev.gantry.core.layer.FileTrees;
import dev.gantry.spi.runtime.RuntimeState;
import dev.gantry.spi.runtime.RuntimeStatus;
import dev.gantry.spi.storage.StorageDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reconciliation when the engine starts: the store against what the runtime and the monitors report (each
 * container's case decided by {@link ReconcileDecision}), and what a crash left that no record owns.
 */
final class Reconciler {
    private final ContainerStore store;
    private final ContainerPaths paths;
    private final Runtimes runtimes;
    private final Supplier<StorageDriver> storage;
    private final ExitWatcher exitFiles;
    private final ExitHandler exits;
    private final NetworkAttachment network;
    private final LifecycleListener listeners;
    private final Consumer<String> start;
    private final Consumer<Container> takeDownRun;

    /**
     * @param start       starts a container by ID, as {@code docker start} does
     * @param takeDownRun takes down what a run set up (runtime container, network, mounted root, bundle)
     */
    Reconciler(ContainerStore store, ContainerPaths paths, Runtimes runtimes, Supplier<StorageDriver> storage,
               ExitWatcher exitFiles, ExitHandler exits, NetworkAttachment network, LifecycleListener listeners,
               Consumer<String> start, Consumer<Container> takeDownRun) {
        this.store = store;
        this.paths = paths;
        this.runtimes = runtimes;
        this.storage = storage;
        this.exitFiles = exitFiles;
        this.exits = exits;
        this.network = network;
        this.listeners = listeners;
        this.start = start;
        this.takeDownRun = takeDownRun;
    }

    void restore() {
        dropOrphans();
        for (Container c : store.list()) {
            if (!c.status().alive() && Files.exists(paths.bundle(c.id()))) {
                // a start the engine died in: its bundle, mount, namespace and endpoints have no run to end them
                takeDownRun.accept(c);
            }
            Optional<RuntimeStatus> rs = Optional.empty();
            boolean monitorAlive = false;
            if (c.status().alive()) {
                try {
                    rs = runtimes.of(c).state(c.id()).map(RuntimeState::status);
                } catch (RuntimeException e) {
                    rs = Optional.empty();
                }
                monitorAlive = c.state().monitorPid() > 0
                        && ProcessHandle.of(c.state().monitorPid()).map(ProcessHandle::isAlive).orElse(false);
            }
            ReconcileDecision d = ReconcileDecision.of(c, rs, monitorAlive,
                    c.status().alive() ? exitFiles.exitCode(c.id()) : java.util.OptionalInt.empty());
            apply(c, d);
        }
    }

    private void apply(Container c, ReconcileDecision d) {
        switch (d.action()) {
            case NONE -> { }
            case START -> Thread.ofVirtual().start(() -> {
                try {
                    start.accept(c.id());
                } catch (RuntimeException e) {
                    // its start error is in its state
                }
            });
            case KEEP -> {
                if (d.status() != c.status()) {
                    store.update(c.withState(c.state().withStatus(d.status())));
                }
                network.restore(c);
                listeners.restored(c);
            }
            case RESTART -> exits.restartLater(c.id(), 0);
            case EXITED -> {
                if (d.kill()) {
                    try {
                        runtimes.of(c).kill(c.id(), Signals.SIGKILL, true);
                    } catch (RuntimeException ignored) {
                        // already gone
                    }
                }
                exits.exited(c.id(), d.exitCode());
            }
        }
    }

    /**
     * What a crash can leave that no record owns: writable snapshots of containers that were never recorded,
     * read-only views of an interrupted diff, mounts and directories of those, finished exec sessions.
     */
    private void dropOrphans() {
        List<String> orphans = new ArrayList<>();
        storage.get().walk(s -> {
            String key = s.key();
            if (key.startsWith(ContainerFilesystem.VIEW_PREFIX)
                    || (key.startsWith("container/") && store.get(key.substring("container/".length())).isEmpty())) {
                orphans.add(key);
            }
        });
        for (Path dir : List.of(paths.runRoot().resolve("mnt"), paths.runRoot().resolve("execs"))) {
            if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    for (Path p : entries.toList()) {
                        RootFs.unmount(p);
                        if (!RootFs.isMounted(p)) {
                            FileTrees.deleteQuietly(p);
                        }
                    }
                } catch (IOException ignored) {
                    // left for the next start
                }
            }
        }
        SubpathMounts.releaseAll(paths.runRoot());
        Path sockets = paths.runRoot().resolve("sock");
        if (Files.isDirectory(sockets)) {
            try (var links = Files.list(sockets)) {
                // links to attach sockets whose bundle is gone
                links.filter(l -> !Files.exists(l)).forEach(FileTrees::deleteQuietly);
            } catch (IOException ignored) {
                // left for the next start
            }
        }
        for (String key : orphans) {
            try {
                storage.get().remove(key);
            } catch (RuntimeException ignored) {
                // left for the next start
            }
        }
    }
}
