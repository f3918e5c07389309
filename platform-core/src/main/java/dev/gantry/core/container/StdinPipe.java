package dev.gantry.core.container;

import dev.gantry.core.sys.Syscalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The stdin side of an attach: bytes go to conmon's attach socket (SOCK_SEQPACKET, one packet per write). Input
 * that arrives before the process runs (the CLI attaches before it starts a container) waits here and is sent
 * once the socket exists. Closing the input makes conmon close the process's stdin.
 */
final class StdinPipe {
    /** conmon reads a packet into a buffer of this size; a longer packet would be cut. */
    private static final int PACKET = 8192;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int fd = -1;
    private boolean eof;
    private boolean closed;

    synchronized void connect(Path socket) throws IOException {
        if (fd >= 0 || closed) {
            return;
        }
        fd = Syscalls.connectSeqpacket(socket);
        byte[] queued = pending.toByteArray();
        pending.reset();
        send(queued, queued.length);
        if (eof) {
            Syscalls.shutdownOutput(fd);
        }
    }

    synchronized void write(byte[] data, int length) throws IOException {
        if (eof || closed) {
            return;
        }
        if (fd < 0) {
            pending.write(data, 0, length);
        } else {
            send(data, length);
        }
    }

    synchronized void closeInput() {
        if (eof) {
            return;
        }
        eof = true;
        if (fd >= 0) {
            try {
                Syscalls.shutdownOutput(fd);
            } catch (IOException ignored) {
                // the monitor is gone: its stdin is closed anyway
            }
        }
    }

    synchronized void close() {
        closed = true;
        if (fd >= 0) {
            Syscalls.close(fd);
            fd = -1;
        }
    }

    private void send(byte[] data, int length) throws IOException {
        for (int off = 0; off < length; off += PACKET) {
            int n = Math.min(PACKET, length - off);
            byte[] chunk = off == 0 && n == data.length ? data : java.util.Arrays.copyOfRange(data, off, off + n);
            Syscalls.write(fd, chunk, n);
        }
    }
}
