package dev.gantry.rest.events;

import io.vertx.core.streams.WriteStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The bound on what one events client can make the engine hold: events are published to every subscriber at
 * once and cannot wait for one, so a client that does not read loses events, as dockerd's publisher drops
 * them for a subscriber that does not keep up, instead of queueing them without end.
 */
final class SlowClient {
    private static final Logger LOG = Logger.getLogger(SlowClient.class);
    /** Events queued for the client's event loop and not yet written. */
    static final int MAX_PENDING = 1024;

    private final WriteStream<?> stream;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    SlowClient(WriteStream<?> stream) {
        this.stream = stream;
    }

    /** Whether one more event may be queued for this client. */
    boolean admit() {
        if (pending.get() >= MAX_PENDING || stream.writeQueueFull()) {
            if (dropped.getAndIncrement() == 0) {
                LOG.warn("an events client does not keep up: its events are dropped until it does");
            }
            return false;
        }
        pending.incrementAndGet();
        return true;
    }

    /** An admitted event was handed to the stream. */
    void taken() {
        pending.decrementAndGet();
    }

    long dropped() {
        return dropped.get();
    }
}
