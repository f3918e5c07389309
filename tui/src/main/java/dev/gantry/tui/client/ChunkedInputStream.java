package dev.gantry.tui.client;

import java.io.IOException;
import java.io.InputStream;

/** Decodes HTTP/1.1 chunked transfer as it arrives, so streamed bodies (events, stats, logs) read as they come. */
final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long left;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (left == 0) {
            String size = HttpResponse.line(in);
            if (size.isEmpty()) {
                size = HttpResponse.line(in);
            }
            int semi = size.indexOf(';');
            left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (left == 0) {
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n == -1) {
            throw new java.io.EOFException("chunk cut short");
        }
        left -= n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
