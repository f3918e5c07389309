package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import dev.gantry.spi.plugin.PluginException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Signals to a running container: {@code stop}, {@code kill}, {@code pause}, {@code unpause}. */
final class ContainerSignals {
    private final ContainerStore store;
    private final ContainerLocks locks;
    private final Runtimes runtimes;
    private final ContainerEvents events;
    private final ExitWaiters waiters;
    private final ExitHandler exits;

    ContainerSignals(ContainerStore store, ContainerLocks locks, Runtimes runtimes, ContainerEvents events,
                     ExitWaiters waiters, ExitHandler exits) {
        this.store = store;
        this.locks = locks;
        this.runtimes = runtimes;
        this.events = events;
        this.waiters = waiters;
        this.exits = exits;
    }

    void stop(Container c, Optional<String> signal, Optional<Integer> timeoutSeconds) {
        if (!c.status().alive() || c.status() == ContainerStatus.RESTARTING) {
            if (c.status() == ContainerStatus.RESTARTING) {
                exits.endRestarting(c.id());
                events.emit(c, "stop");
                return;
            }
            throw EngineException.notModified();
        }
        int sig = Signals.parse(signal.orElse(java.util.Objects.requireNonNullElse(c.config().stopSignal(), "SIGTERM")));
        int timeout = timeoutSeconds.orElse(java.util.Objects.requireNonNullElse(c.config().stopTimeout(), 10));
        CompletableFuture<Integer> exit = waiters.nextExit(c.id());
        locks.withLock(c.id(), () -> {
            Container now = store.resolve(c.id());
            store.update(now.withManuallyStopped(true));
            if (now.status() == ContainerStatus.PAUSED) {
                runtimes.of(now).resume(now.id());
            }
            return null;
        });
        try {
            signal(c, sig);
            if (!ExitWaiters.await(exit, timeout < 0 ? Long.MAX_VALUE : timeout * 1000L)) {
                signal(c, Signals.SIGKILL);
                if (!ExitWaiters.await(exit, 30_000)) {
                    throw EngineException.failed("container " + c.id() + " did not stop", null);
                }
            }
        } catch (EngineException e) {
            if (alive(c)) {
                throw e;
            }
        }
        events.emit(store.get(c.id()).orElse(c), "stop");
    }

    void kill(Container c, String signal) {
        int sig = Signals.parse(signal);
        if (c.status() == ContainerStatus.RESTARTING) {
            // Docker sends nothing to a container between runs: it only ends the restarting
            exits.endRestarting(c.id());
            return;
        }
        if (!c.status().alive()) {
            throw EngineException.conflict("Cannot kill container: " + c.id() + ": container " + c.id() + " is not running");
        }
        if (sig != Signals.SIGKILL) {
            signal(c, sig);
            return;
        }
        // Docker's kill with SIGKILL returns once the container has exited (and thaws a paused one so it can die)
        CompletableFuture<Integer> exit = waiters.nextExit(c.id());
        locks.withLock(c.id(), () -> store.update(store.resolve(c.id()).withManuallyStopped(true)));
        signal(c, sig);
        if (c.status() == ContainerStatus.PAUSED) {
            try {
                runtimes.of(c).resume(c.id());
            } catch (PluginException thawedAlready) {
                // runc thaws a frozen container itself for SIGKILL
            }
        }
        if (!ExitWaiters.await(exit, 10_000) && alive(c)) {
            throw EngineException.failed("tried to kill container, but did not receive an exit event", null);
        }
    }

    /** For {@code rm -f}: the container is stopped for good and killed; returns once it exited (or 30 s passed). */
    void killForRemoval(Container c) {
        CompletableFuture<Integer> exit = waiters.nextExit(c.id());
        locks.withLock(c.id(), () -> store.update(store.resolve(c.id()).withManuallyStopped(true)));
        if (c.status() == ContainerStatus.PAUSED) {
            try {
                runtimes.of(c).resume(c.id());
            } catch (RuntimeException ignored) {
                // the kill below ends it either way
            }
        }
        signal(c, Signals.SIGKILL);
        ExitWaiters.await(exit, 30_000);
    }

    void signal(Container c, int sig) {
        try {
            runtimes.of(c).kill(c.id(), sig, false);
        } catch (PluginException e) {
            if (alive(c) && e.reason() != PluginException.Reason.CONFLICT) {
                throw e;
            }
        }
        events.emit(c, "kill", Map.of("signal", Integer.toString(sig)));
    }

    void pause(Container c) {
        locks.withLock(c.id(), () -> {
            Container now = store.resolve(c.id());
            if (now.status() == ContainerStatus.PAUSED) {
                throw EngineException.conflict("container " + now.id() + " is already paused");
            }
            if (now.status() != ContainerStatus.RUNNING) {
                throw EngineException.conflict("container " + now.id() + " is not running");
            }
            runtimes.of(now).pause(now.id());
            store.update(now.withState(now.state().withStatus(ContainerStatus.PAUSED)));
            return null;
        });
        events.emit(c, "pause");
    }

    void unpause(Container c) {
        locks.withLock(c.id(), () -> {
            Container now = store.resolve(c.id());
            if (now.status() != ContainerStatus.PAUSED) {
                throw EngineException.conflict("container " + now.id() + " is not paused");
            }
            runtimes.of(now).resume(now.id());
            store.update(now.withState(now.state().withStatus(ContainerStatus.RUNNING)));
            return null;
        });
        events.emit(c, "unpause");
    }

    private boolean alive(Container c) {
        return store.get(c.id()).map(x -> x.status().alive()).orElse(false);
    }
}
