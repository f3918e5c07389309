package dev.gantry.rest.api;

import io.vertx.core.streams.WriteStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A slow client must not make the engine buffer without bound. Streams that read at their own pace (logs from
 * their file, stats sampled) wait here, on their own virtual thread, until the client has taken what was
 * written; so reading pauses instead of the write queue growing.
 */
public final class Backpressure {
    private Backpressure() {
    }

    /** Blocks while {@code stream}'s write queue is full and the client is still there. */
    public static void awaitWritable(WriteStream<?> stream, BooleanSupplier gone) throws InterruptedException {
        while (stream.writeQueueFull() && !gone.getAsBoolean()) {
            CompletableFuture<Void> drained = new CompletableFuture<>();
            stream.drainHandler(v -> drained.complete(null));
            if (!stream.writeQueueFull()) {
                return;
            }
            try {
                // a close wakes no drain handler: look again now and then
                drained.get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // look again
            }
        }
    }
}
