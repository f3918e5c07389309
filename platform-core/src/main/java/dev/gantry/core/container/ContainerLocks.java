package dev.gantry.core.container;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** One lock per container: its transitions (start, exit, stop, remove, health updates) happen one at a time. */
public final class ContainerLocks {
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public <T> T withLock(String id, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** The container is gone: its lock is not needed any more. */
    void forget(String id) {
        locks.remove(id);
    }
}
