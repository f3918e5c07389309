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
    private static final long POLL_MS = 20;
    private final ConcurrentHashMap<String, AtomicInteger> readers = new ConcurrentHashMap<>();

    /** A reader's presence; closing it ends it. */
    interface Reading extends AutoCloseable {
        @Override
        void close();
    }

    /** One more reader of {@code id}'s log, until the returned handle is closed. */
    Reading enter(String id) {
        readers.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        return () -> readers.computeIfPresent(id, (k, n) -> n.decrementAndGet() == 0 ? null : n);
    }

    /** Returns when nobody reads {@code id}'s log any more, or after {@code max}. */
    void awaitNone(String id, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (readers.containsKey(id) && System.nanoTime() < end) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
