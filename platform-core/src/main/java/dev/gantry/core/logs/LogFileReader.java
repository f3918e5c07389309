package dev.gantry.core.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads one open log file record by record through a fixed buffer, from a position on; the file stays open, so a
 * rotation that renames it does not disturb the read. conmon cuts lines into pieces of a few KiB, so a record
 * always fits; a longer line (not written by conmon) is skipped whole rather than held.
 */
final class LogFileReader implements AutoCloseable {
    static final int BUFFER = 128 << 10;
    private final FileChannel channel;
    private final Object key;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private final LogRecord record = new LogRecord();
    private long position;
    private boolean skipping;

    /** What a read does with each record; false stops it. */
    interface Handler {
        boolean accept(LogRecord r) throws InterruptedException;
    }

    LogFileReader(Path file, long position) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.key = LogFiles.key(file);
        this.position = position;
    }

    /** The file's identity when it was opened (the rotation check compares it with what the path holds now). */
    Object key() {
        return key;
    }

    /** The file's size now (it may be renamed or deleted meanwhile: the open file is what counts). */
    long size() throws IOException {
        return channel.size();
    }

    long position() {
        return position;
    }

    /**
     * Hands every complete record from the position to the file's end to {@code handler}; a last line without
     * its newline is still being written and waits. Returns whether anything was read; false also when the
     * handler stopped it.
     */
    boolean drain(Handler handler) throws IOException, InterruptedException {
        if (channel.size() < position) {
            position = 0; // cut back to nothing by conmon's own size cap
        }
        boolean any = false;
        while (true) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n <= 0) {
                return any;
            }
            byte[] b = buffer.array();
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (b[i] != '\n') {
                    continue;
                }
                if (skipping) {
                    skipping = false;
                } else if (record.parse(b, start, i) && !handler.accept(record)) {
                    position += i + 1;
                    return false;
                }
                start = i + 1;
            }
            if (start == 0 && n == BUFFER) {
                skipping = true; // a line longer than the buffer: skip to its end
                start = n;
            }
            if (start == 0) {
                return any;
            }
            position += start;
            any = true;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
