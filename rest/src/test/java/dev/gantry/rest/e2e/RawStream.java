package dev.gantry.rest.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A client of a streaming endpoint that reads at the pace the test chooses (or not at all): a GET on the engine's
 * socket, its status line and headers, then the chunked body as a plain stream.
 */
final class RawStream implements AutoCloseable {
    private final SocketChannel channel;
    private final InputStream in;
    private long chunkLeft;
    private boolean ended;
    final String head;

    RawStream(Path socket, String path) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        // a small receive buffer: what the client has not read stays in the engine, as with a slow reader
        channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 16 << 10);
        channel.connect(UnixDomainSocketAddress.of(socket));
        channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: d\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
        in = new BufferedInputStream(Channels.newInputStream(channel), 8 << 10);
        StringBuilder h = new StringBuilder();
        for (String line = line(); !line.isEmpty(); line = line()) {
            h.append(line).append('\n');
        }
        head = h.toString();
        if (!head.toLowerCase().contains("transfer-encoding: chunked")) {
            throw new IOException("not a chunked stream: " + head);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("in a line: " + b);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** Up to {@code max} bytes of the body, or -1 at its end. */
    int read(byte[] b, int off, int max) throws IOException {
        if (ended) {
            return -1;
        }
        if (chunkLeft == 0) {
            String size = line();
            if (size.isEmpty()) {
                size = line(); // the CRLF after the last chunk's data
            }
            chunkLeft = Long.parseLong(size.split(";")[0].strip(), 16);
            if (chunkLeft == 0) {
                ended = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(max, chunkLeft));
        if (n < 0) {
            throw new EOFException("in a chunk");
        }
        chunkLeft -= n;
        return n;
    }

    /** Exactly {@code n} bytes of the body. */
    byte[] readFully(int n) throws IOException {
        byte[] b = new byte[n];
        for (int at = 0; at < n; ) {
            int r = read(b, at, n - at);
            if (r < 0) {
                throw new EOFException("the body ended");
            }
            at += r;
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
