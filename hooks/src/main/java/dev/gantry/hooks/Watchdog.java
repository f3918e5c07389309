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
 * guest and leaves the context usable; a guest that does not stop within a second gets its context cancelled,
 * and the file's context is made anew at its next call.
 *
 * <p>The limit is the CPU time the calling thread spends, not the time on the clock: on a loaded machine a hook
 * waiting for a core is not the hook's fault, while an endless loop burns CPU and is stopped once it has used
 * its limit. A wall-clock cap ({@link #WALL_FACTOR} times the limit, at least {@link #WALL_MINIMUM}) still
 * bounds every call.
 */
final class Watchdog implements AutoCloseable {
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);
    static final int WALL_FACTOR = 20;
    static final Duration WALL_MINIMUM = Duration.ofSeconds(2);
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hook-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** One guarded stretch of guest execution. {@link #close} ends it; nothing fires after. */
    final class Guard implements AutoCloseable {
        private final Context context;
        private final long limitNanos;
        private final long threadId = Thread.currentThread().threadId();
        private final long cpuStart = cpuNow(threadId);
        private final long wallDeadline;
        private ScheduledFuture<?> alarm;
        private boolean done;
        private boolean fired;
        private boolean cancelled;

        private Guard(Context context, Duration limit) {
            this.context = context;
            this.limitNanos = limit.toNanos();
            this.wallDeadline = System.nanoTime() + Math.max(limitNanos * WALL_FACTOR, WALL_MINIMUM.toNanos());
            this.alarm = timer.schedule(this::check, limitNanos, TimeUnit.NANOSECONDS);
        }

        /** At the limit on the clock: stop the guest if it used its CPU time, else look again when it could have. */
        private synchronized void check() {
            if (done) {
                return;
            }
            long now = cpuNow(threadId);
            long used = cpuStart < 0 || now < 0 ? Long.MAX_VALUE : now - cpuStart;
            long wallLeft = wallDeadline - System.nanoTime();
            if (used < limitNanos && wallLeft > 0) {
                long again = Math.min(Math.max(limitNanos - used, 1_000_000), wallLeft);
                alarm = timer.schedule(this::check, again, TimeUnit.NANOSECONDS);
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

    /** The thread's CPU time in nanoseconds, or -1 where the JVM cannot tell (a virtual thread). */
    private static long cpuNow(long threadId) {
        return CPU.isThreadCpuTimeSupported() ? CPU.getThreadCpuTime(threadId) : -1;
    }

    Guard guard(Context context, Duration limit) {
        return new Guard(context, limit);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
