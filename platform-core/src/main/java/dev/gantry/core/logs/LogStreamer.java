package dev.gantry.core.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code docker logs} for every client (REST, dashboard, hooks): the lines a {@link LogQuery} selects, read file
 * by file (oldest rotated file first) and record by record, and handed to a {@link LogOutput} that may block. So
 * the engine holds one read buffer per reader whatever the log's size, and a slow client pauses the read. When
 * following, the live file stays open: lines written before a rotation are read to the end of the renamed file
 * before the new one is opened.
 */
public final class LogStreamer {
    private static final long POLL_MS = 10;
    private final Path log;
    private final LogQuery query;
    private final BooleanSupplier running;
    private final LogOutput out;
    private final LogTimes times = new LogTimes();
    private final byte[] details;
    private boolean stopped;

    private LogStreamer(Path log, LogQuery query, BooleanSupplier running, LogOutput out) {
        this.log = log;
        this.query = query;
        this.running = running;
        this.out = out;
        this.details = query.details() == null ? null : (query.details() + " ").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends what {@code query} selects of the log {@code log} (and its rotated files) to {@code out}; when
     * following, goes on until {@code running} is false and the log is read to its end, or the client leaves.
     */
    public static void stream(Path log, LogQuery query, BooleanSupplier running, LogOutput out)
            throws IOException, InterruptedException {
        new LogStreamer(log, query, running, out).run();
    }

    private void run() throws IOException, InterruptedException {
        List<Path> files = LogFiles.list(log);
        LogTail.Start start = LogTail.find(files, query.tail());
        int next = start.file();
        long offset = start.offset();
        Object lastKey = null;
        while (!stopped) {
            LogFileReader reader;
            try {
                reader = new LogFileReader(files.get(next), offset);
            } catch (NoSuchFileException gone) {
                boolean live = next == files.size() - 1;
                if (live && !(query.following() && running.getAsBoolean())) {
                    break; // no log (yet, or any more)
                }
                if (live) {
                    Thread.sleep(POLL_MS); // between a rotation's rename and conmon's reopen
                }
                files = LogFiles.list(log);
                next = LogFiles.indexOf(files, lastKey) + 1;
                offset = 0;
                continue;
            }
            try (reader) {
                reader.drain(this::accept);
                files = LogFiles.list(log);
                int at = LogFiles.indexOf(files, reader.key());
                if (at == files.size() - 1) {
                    if (query.following()) {
                        follow(reader);
                    }
                    break;
                }
                lastKey = reader.key();
                next = at + 1;
                offset = 0;
            }
        }
        out.flush();
    }

    /** Reads on in the live file as it grows, into the next one when it is rotated, until the container ends. */
    private void follow(LogFileReader first) throws IOException, InterruptedException {
        LogFileReader reader = first;
        try {
            while (!stopped && !out.closed()) {
                boolean finished = !running.getAsBoolean();
                while (reader.drain(this::accept)) {
                    // to the end of what is written
                }
                Object live = LogFiles.key(log);
                if (live != null && !live.equals(reader.key())) {
                    // rotated, and conmon has reopened: the renamed file is complete once read again
                    reader.drain(this::accept);
                    if (reader != first) {
                        reader.close();
                    }
                    reader = new LogFileReader(log, 0);
                    continue;
                }
                if (finished || stopped) {
                    return;
                }
                out.flush();
                Thread.sleep(POLL_MS);
            }
        } catch (NoSuchFileException gone) {
            // removed with its container
        } finally {
            if (reader != first) {
                reader.close();
            }
        }
    }

    private boolean accept(LogRecord r) throws InterruptedException {
        if (out.closed()) {
            stopped = true;
            return false;
        }
        if (!query.wants(r)) {
            return true;
        }
        if (query.timestamps()) {
            byte[] t = times.format(r.nanos());
            out.write(r.stream(), t, 0, t.length);
        }
        if (details != null) {
            out.write(r.stream(), details, 0, details.length);
        }
        r.writeTo(out);
        return true;
    }
}
