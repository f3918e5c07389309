package dev.gantry.core.container;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The attached clients still reading a container's log. An auto-removed container waits for them (a little), so
 * that {@code docker run --rm} gets all of its output even when the reader is a rotation or two behind the
 * container: removal deletes the files it has not opened yet.
 */
final class AttachedReaders {
    private final ConcurrentHashMap<String, AtomicInteger> readers = new ConcurrentHashMap<>();
    /** Signalled whenever a container's last reader leaves, so a waiter wakes then rather than at a poll. */
    private final Object left = new Object();

    /** A reader's presence; closing it ends it. */
    interface Reading extends AutoCloseable {
        @Override
        void close();
    }

    /** One more reader of {@code id}'s log, until the returned handle is closed. */
    Reading enter(String id) {
        readers.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        return () -> {
            if (readers.computeIfPresent(id, (k, n) -> n.decrementAndGet() == 0 ? null : n) == null) {
                synchronized (left) {
                    left.notifyAll();
                }
            }
        };
    }

    /** Returns when nobody reads {@code id}'s log any more, or after {@code max}. */
    void awaitNone(String id, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        synchronized (left) {
            long wait;
            while (readers.containsKey(id) && (wait = end - System.nanoTime()) > 0) {
                try {
                    left.wait(Math.max(1, wait / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
