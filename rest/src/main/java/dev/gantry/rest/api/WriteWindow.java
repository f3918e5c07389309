package dev.gantry.rest.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.function.BooleanSupplier;

/**
 * Bytes handed to a stream from a thread that is not its event loop, and not yet on the socket. A write from
 * another thread is queued as a task on the event loop, where the stream's own write queue (what
 * {@link Backpressure} watches) does not see it yet; a reader faster than the event loop would pile its buffers up
 * there. So the sender also waits while more than {@code limit} bytes it sent are still unwritten.
 */
public final class WriteWindow {
    private final long limit;
    private long pending; // guarded by this

    public WriteWindow(long limit) {
        this.limit = limit;
    }

    /** Writes {@code buffer} once the window has room and the client has taken what was written before. */
    public void send(WriteStream<Buffer> stream, Buffer buffer, BooleanSupplier gone) throws InterruptedException {
        int size = buffer.length();
        synchronized (this) {
            while (pending >= limit && !gone.getAsBoolean()) {
                wait(500); // a close completes the writes in flight too, but look again now and then
            }
            pending += size;
        }
        stream.write(buffer, done -> written(size));
        Backpressure.awaitWritable(stream, gone);
    }

    /** How many bytes are handed over and not yet written. */
    public synchronized long pending() {
        return pending;
    }

    private synchronized void written(int size) {
        pending -= size;
        notifyAll();
    }
}
