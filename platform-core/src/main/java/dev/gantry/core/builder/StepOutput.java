package dev.gantry.core.builder;

import dev.gantry.core.logs.LogOutput;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A RUN step's container output as the build's {@code stream} text: bytes gathered into pieces of whole lines
 * (a message per line would make a chatty step's stream mostly framing), never cut inside a UTF-8 character.
 */
final class StepOutput implements LogOutput {
    private static final int PIECE = 16 * 1024;
    private final ImageBuilder.Output out;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();

    StepOutput(ImageBuilder.Output out) {
        this.out = out;
    }

    @Override
    public void write(int stream, byte[] bytes, int offset, int length) {
        held.write(bytes, offset, length);
        if (held.size() >= PIECE) {
            byte[] b = held.toByteArray();
            int cut = lastLineEnd(b);
            send(b, cut > 0 ? cut : characterEnd(b));
        }
    }

    @Override
    public void flush() {
        byte[] b = held.toByteArray();
        send(b, characterEnd(b));
    }

    @Override
    public boolean closed() {
        return false;
    }

    private void send(byte[] b, int upTo) {
        if (upTo == 0) {
            return;
        }
        out.stream(new String(b, 0, upTo, StandardCharsets.UTF_8));
        held.reset();
        held.write(b, upTo, b.length - upTo);
    }

    private static int lastLineEnd(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    /** Where the last whole UTF-8 character ends: a sequence cut short stays for the next write. */
    static int characterEnd(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xff;
            if (c < 0x80) {
                return n; // ASCII: nothing open
            }
            if (c >= 0xc0) {
                int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
                return back >= len ? n : n - back;
            }
        }
        return n; // continuation bytes only, or not UTF-8: sent as they are
    }
}
