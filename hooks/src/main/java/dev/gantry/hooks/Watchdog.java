package dev.gantry.hooks;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;

/**
 * Stops guest code at its time limit from a thread of its own: {@link Context#interrupt} throws in the running
 * guest and leaves the context usable; a guest that does not stop within a second (stuck outside JS) gets its
 * context cancelled, and the file's context is made anew at its next call.
 */
final class Watchdog implements AutoCloseable {
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hook-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** One guarded stretch of guest execution. {@link #close} ends it; nothing fires after. */
    final class Guard implements AutoCloseable {
        private final Context context;
        private final ScheduledFuture<?> alarm;
        private boolean done;
        private boolean fired;
        private boolean cancelled;

        private Guard(Context context, Duration limit) {
            this.context = context;
            this.alarm = timer.schedule(this::fire, limit.toNanos(), TimeUnit.NANOSECONDS);
        }

        private synchronized void fire() {
            if (done) {
                return;
            }
            fired = true;
            try {
                context.interrupt(INTERRUPT_GRACE);
            } catch (TimeoutException | RuntimeException e) {
                cancelled = true;
                context.close(true);
            }
        }

        synchronized boolean fired() {
            return fired;
        }

        /** Whether the context had to be cancelled and can no longer be used. */
        synchronized boolean cancelled() {
            return cancelled;
        }

        @Override
        public synchronized void close() {
            done = true;
            alarm.cancel(false);
        }
    }

    Guard guard(Context context, Duration limit) {
        return new Guard(context, limit);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
