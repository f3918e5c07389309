package dev.gantry.core.container;

import dev.gantry.core.logs.LogOutput;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/** An attached client's sink as a log reader's output: the read stops when {@code gone} holds. */
final class SinkOutput implements LogOutput {
    private final OutputSink sink;
    private final BooleanSupplier gone;

    SinkOutput(OutputSink sink, BooleanSupplier gone) {
        this.sink = sink;
        this.gone = gone;
    }

    @Override
    public void write(int stream, byte[] bytes, int offset, int length) {
        sink.write(stream, Arrays.copyOfRange(bytes, offset, offset + length));
    }

    @Override
    public void flush() {
        // the sink sends each write as it comes
    }

    @Override
    public boolean closed() {
        return gone.getAsBoolean();
    }
}
