package dev.gantry.hooks;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs observer and schedule calls off the caller's thread, one at a time, from a bounded queue: the operation
 * that raised the event never waits for a hook, and a flood of events drops calls (counted) rather than
 * growing memory.
 */
final class ObserverDispatcher implements AutoCloseable {
    private final AtomicLong dropped = new AtomicLong();
    private final ThreadPoolExecutor pool;

    ObserverDispatcher(int capacity) {
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), r -> {
            Thread t = new Thread(r, "hook-observers");
            t.setDaemon(true);
            return t;
        }, (r, executor) -> dropped.incrementAndGet());
    }

    void submit(Runnable job) {
        pool.execute(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                System.getLogger(ObserverDispatcher.class.getName()).log(System.Logger.Level.WARNING, "observer hook failed", e);
            }
        });
    }

    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
