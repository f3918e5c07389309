package dev.gantry.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Bytes handed from the thread that makes a blob (compressing a layer) to the HTTP client that sends it, so
 * the upload runs while the blob is made. Bounded: the maker waits when the sender lags. Either side ending
 * early ends the other: a maker's failure reaches the sender as an {@link IOException}, and a sender that
 * stops reading ({@link InputStream#close()}) makes the maker's next write fail instead of blocking forever.
 */
final class BlobPipe {
    private static final int CHUNK = 256 << 10;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
    private volatile boolean readerGone;
    private volatile IOException failure;
    private final Output output = new Output();
    private final Input input = new Input();

    OutputStream output() {
        return output;
    }

    InputStream input() {
        return input;
    }

    /** Ends the stream with an error the reader sees instead of the end (called by the maker, which then stops). */
    void fail(IOException e) {
        failure = e;
        chunks.clear();
        chunks.offer(END);
    }

    /** The sender is done, whatever it read: the maker's next write fails rather than waiting for room. */
    void stop() {
        readerGone = true;
        chunks.clear();
    }

    private final class Output extends OutputStream {
        private byte[] buffer = new byte[CHUNK];
        private int used;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, CHUNK - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
                if (used == CHUNK) {
                    hand(buffer);
                    buffer = new byte[CHUNK];
                    used = 0;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (used > 0) {
                hand(java.util.Arrays.copyOf(buffer, used));
            }
            hand(END);
        }

        private void hand(byte[] chunk) throws IOException {
            try {
                while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                    if (readerGone) {
                        throw new IOException("the upload stopped reading");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while uploading");
            }
        }
    }

    private final class Input extends InputStream {
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while uploading");
                }
                pos = 0;
                if (current == END) {
                    if (failure != null) {
                        throw failure;
                    }
                    ended = true;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            stop();
        }
    }
}
