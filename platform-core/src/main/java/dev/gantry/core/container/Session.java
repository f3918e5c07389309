package dev.gantry.core.container;

import java.io.IOException;

/**
 * A client's live connection to a process: its input goes to the process's stdin, and closing the session stops
 * the output. Attach and exec both hand one out.
 */
public final class Session {
    private final StdinPipe stdin;
    private final Runnable onClose;
    private volatile boolean closed;

    Session(StdinPipe stdin, Runnable onClose) {
        this.stdin = stdin;
        this.onClose = onClose;
    }

    public void input(byte[] data, int length) throws IOException {
        if (stdin != null) {
            stdin.write(data, length);
        }
    }

    /** The client sent all it will send: the process reads end of file (unless its stdin stays open). */
    public void endInput() {
        if (stdin != null) {
            stdin.closeInput();
        }
    }

    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }

    public boolean closed() {
        return closed;
    }
}
