package dev.gantry.tui.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a logs stream into lines. Without a TTY Docker multiplexes stdout and stderr in frames of an 8-byte head
 * (stream, 0, 0, 0, big-endian length) and a payload; with one the bytes come raw.
 */
public final class LogFrames {
    private final boolean multiplexed;
    private final StringBuilder partial = new StringBuilder();

    public LogFrames(boolean multiplexed) {
        this.multiplexed = multiplexed;
    }

    /** Docker 1.42+ names the form in Content-Type; older engines send raw only for a TTY, which we cannot tell. */
    public static boolean multiplexed(String contentType) {
        return !contentType.contains("raw-stream");
    }

    public void read(InputStream in, Consumer<String> lines) throws IOException {
        if (!multiplexed) {
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n != -1; n = in.read(buf)) {
                feed(new String(buf, 0, n, StandardCharsets.UTF_8), lines);
            }
            flush(lines);
            return;
        }
        byte[] head = new byte[8];
        while (in.readNBytes(head, 0, 8) == 8) {
            int len = ((head[4] & 0xff) << 24) | ((head[5] & 0xff) << 16) | ((head[6] & 0xff) << 8) | (head[7] & 0xff);
            byte[] payload = in.readNBytes(Math.max(0, len));
            feed(new String(payload, StandardCharsets.UTF_8), lines);
        }
        flush(lines);
    }

    void feed(String text, Consumer<String> lines) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                lines.accept(partial.toString());
                partial.setLength(0);
            } else if (c != '\r') {
                partial.append(c);
            }
        }
    }

    private void flush(Consumer<String> lines) {
        if (!partial.isEmpty()) {
            lines.accept(partial.toString());
            partial.setLength(0);
        }
    }
}
