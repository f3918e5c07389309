package dev.gantry.rest.containers;

import dev.gantry.core.logs.LogOutput;
import dev.gantry.rest.api.WriteWindow;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * A log read onto a chunked response: Docker's multiplexed frames, or the bytes alone for a terminal. Lines of
 * one stream are gathered into frames of up to {@link #BATCH} bytes (a log of short lines would otherwise cost a
 * frame and an event-loop hop per line), sent when the stream changes, the batch is full or the read catches up.
 * Sending waits while the client has not taken what was sent, so the read pauses with it
 * and memory stays flat however large the log.
 */
final class LogFrames implements LogOutput {
    static final int BATCH = 32 << 10;
    private final HttpServerResponse response;
    private final boolean tty;
    private final boolean following;
    private final byte[] held = new byte[BATCH];
    private final WriteWindow window = new WriteWindow(4 * BATCH);
    private int length;
    private int stream;
    private volatile boolean closed;

    /**
     * Made on the response's event loop, where its close handler is set. A read that does not follow ends as soon
     * as it has read to the end, so what it holds then goes out with the response's end.
     */
    LogFrames(HttpServerResponse response, boolean tty, boolean following) {
        this.response = response;
        this.tty = tty;
        this.following = following;
        response.closeHandler(v -> closed = true);
    }

    @Override
    public void write(int stream, byte[] bytes, int offset, int count) throws InterruptedException {
        if (length > 0 && stream != this.stream) {
            send();
        }
        this.stream = stream;
        while (count > 0) {
            int n = Math.min(count, BATCH - length);
            System.arraycopy(bytes, offset, held, length, n);
            length += n;
            offset += n;
            count -= n;
            if (length == BATCH) {
                send();
            }
        }
    }

    @Override
    public void flush() throws InterruptedException {
        if (following && length > 0) {
            send();
        }
    }

    private void send() throws InterruptedException {
        if (!closed()) {
            window.send(response, frame(), this::closed);
        }
        length = 0;
    }

    /** What is held, as one frame. */
    private Buffer frame() {
        Buffer frame = Buffer.buffer(length + 8);
        if (!tty) {
            frame.appendByte((byte) stream).appendByte((byte) 0).appendByte((byte) 0).appendByte((byte) 0)
                    .appendInt(length);
        }
        return frame.appendBytes(held, 0, length);
    }

    @Override
    public boolean closed() {
        return closed || response.closed();
    }

    /** Sends what is held and ends the response, in one hand-over to the event loop. */
    void end() {
        if (!closed() && !response.ended()) {
            closed = true;
            if (length > 0) {
                response.end(frame());
            } else {
                response.end();
            }
        }
        length = 0;
    }
}
