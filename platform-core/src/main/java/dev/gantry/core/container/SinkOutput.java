package dev.gantry.core.container;

import dev.gantry.core.logs.LogOutput;
import java.io.ByteArrayOutputStream;
import java.util.function.BooleanSupplier;

/**
 * An attached client's sink as a log reader's output. Lines of one stream are sent together, up to
 * {@link #CHUNK} bytes, and whatever is held goes when the reader has caught up: a frame per line made a busy
 * writer outrun its client. The read stops when {@code gone} holds.
 */
final class SinkOutput implements LogOutput {
    static final int CHUNK = 32 << 10;
    private final OutputSink sink;
    private final BooleanSupplier gone;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream(CHUNK);
    private int heldStream;

    SinkOutput(OutputSink sink, BooleanSupplier gone) {
        this.sink = sink;
        this.gone = gone;
    }

    @Override
    public void write(int stream, byte[] bytes, int offset, int length) {
        if (stream != heldStream || held.size() + length > CHUNK) {
            flush();
        }
        heldStream = stream;
        held.write(bytes, offset, length);
    }

    @Override
    public void flush() {
        if (held.size() > 0) {
            sink.write(heldStream, held.toByteArray());
            held.reset();
        }
    }

    @Override
    public boolean closed() {
        return gone.getAsBoolean();
    }
}
