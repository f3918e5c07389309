package dev.gantry.tui.client;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Closes a connection when its time is up, so that no read or connect waits on a hung engine for ever. */
final class Deadline {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-deadline");
        t.setDaemon(true);
        return t;
    });

    private Deadline() {
    }

    /** A deadline that is cancelled by closing it. */
    interface Armed extends AutoCloseable {
        @Override
        void close();
    }

    static Armed arm(Closeable target, Duration limit) {
        ScheduledFuture<?> f = TIMER.schedule(() -> {
            try {
                target.close();
            } catch (IOException e) {
                // closing is all a timeout can do
            }
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }
}
