package dev.gantry.core.container;

import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A container's process ended (conmon wrote its exit file, or reconciliation found it gone): the run is taken
 * down, the exit recorded, waiters told, and the restart policy or AutoRemove applied.
 */
final class ExitHandler implements AutoCloseable {
    private final ContainerStore store;
    private final ContainerLocks locks;
    private final ContainerPaths paths;
    private final RunControl runs;
    private final ExitWaiters waiters;
    private final LifecycleListener listeners;
    private final Consumer<String> autoRemove;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("gantry-restarts").factory());

    /** @param autoRemove removes a container by ID (forced, with its anonymous volumes) */
    ExitHandler(ContainerStore store, ContainerLocks locks, ContainerPaths paths, RunControl runs,
                ExitWaiters waiters, LifecycleListener listeners, Consumer<String> autoRemove) {
        this.store = store;
        this.locks = locks;
        this.paths = paths;
        this.runs = runs;
        this.waiters = waiters;
        this.listeners = listeners;
        this.autoRemove = autoRemove;
    }

    void exited(String id, int code) {
        if (store.get(id).isEmpty()) {
            return;
        }
        Container after = locks.withLock(id, () -> {
            Container c = store.get(id).orElse(null);
            // one waiting to restart has no process: this is the exit already handled, reported again
            if (c == null || !c.status().alive() || c.status() == ContainerStatus.RESTARTING) {
                return null;
            }
            runs.cleanup(c);
            boolean oom = Files.exists(paths.bundle(id).resolve("oom"));
            return store.update(c.withState(c.state().exited(code, Instant.now(), oom)));
        });
        if (after == null) {
            return;
        }
        listeners.exited(after);
        waiters.exited(id, code);
        ExitDecision next = ExitDecision.after(after);
        switch (next.action()) {
            case RESTART -> {
                if (markRestarting(after)) {
                    restartLater(id, next.delayMs());
                }
            }
            case REMOVE -> {
                try {
                    autoRemove.accept(id);
                } catch (RuntimeException ignored) {
                    // already removed by someone else
                }
            }
            case STAY -> { }
        }
    }

    /**
     * The exited container waits for its restart, unless it was started again or removed since its exit was
     * recorded (by someone told of the exit): that newer state stays.
     */
    private boolean markRestarting(Container exited) {
        return locks.withLock(exited.id(), () -> {
            Container now = store.get(exited.id()).orElse(null);
            if (now == null || now.status() != ContainerStatus.EXITED
                    || !now.state().finishedAt().equals(exited.state().finishedAt())) {
                return false;
            }
            store.update(now.withState(now.state().withStatus(ContainerStatus.RESTARTING))
                    .withRestartCount(now.restartCount() + 1));
            return true;
        });
    }

    void restartLater(String id, long delayMs) {
        timers.schedule(() -> Thread.ofVirtual().start(() -> restart(id)), delayMs, TimeUnit.MILLISECONDS);
    }

    private void restart(String id) {
        try {
            locks.withLock(id, () -> {
                Container c = store.get(id).orElse(null);
                if (c != null && c.status() == ContainerStatus.RESTARTING) {
                    runs.start(c.withState(c.state().withStatus(ContainerStatus.EXITED)));
                }
                return null;
            });
        } catch (RuntimeException e) {
            store.get(id).ifPresent(c -> {
                if (c.status() == ContainerStatus.RESTARTING) {
                    store.update(c.withState(c.state().withStatus(ContainerStatus.EXITED)));
                }
            });
        }
    }

    /** A container waiting for its next restart stays stopped (one that started meanwhile is left running). */
    void endRestarting(String id) {
        locks.withLock(id, () -> {
            Container now = store.resolve(id);
            return now.status() != ContainerStatus.RESTARTING ? now
                    : store.update(now.withManuallyStopped(true).withState(now.state().withStatus(ContainerStatus.EXITED)));
        });
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
