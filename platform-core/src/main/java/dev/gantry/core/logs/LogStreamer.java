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
    private final Position from;
    private boolean stopped;

    /**
     * A place in the log: its live file (by identity, which a rotation's rename keeps) and an offset in it. A
     * reader started later from here misses nothing written after it was taken.
     */
    public record Position(Object file, long offset) {
    }

    private LogStreamer(Path log, Position from, LogQuery query, BooleanSupplier running, LogOutput out) {
        this.from = from;
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
        new LogStreamer(log, null, query, running, out).run();
    }

    /** Where the log ends now. */
    public static Position end(Path log) {
        Object key = LogFiles.key(log);
        try {
            return new Position(key, key == null ? 0 : java.nio.file.Files.size(log));
        } catch (IOException e) {
            return new Position(null, 0);
        }
    }

    /**
     * Like {@link #stream}, from {@code from} instead of the query's tail: what was written after {@code from} was
     * taken, however much was written or rotated before this reader got to it.
     */
    public static void streamFrom(Path log, Position from, LogQuery query, BooleanSupplier running, LogOutput out)
            throws IOException, InterruptedException {
        new LogStreamer(log, from, query, running, out).run();
    }

    private void run() throws IOException, InterruptedException {
        List<Path> files = LogFiles.list(log);
        int next;
        long offset;
        if (from == null) {
            LogTail.Start start = LogTail.find(files, query.tail());
            next = start.file();
            offset = start.offset();
        } else {
            // no log then, or that file rotated out since: everything there is now came after
            int at = LogFiles.indexOf(files, from.file());
            next = Math.max(at, 0);
            offset = at < 0 ? 0 : from.offset();
        }
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

    /**
     * Reads on in the live file as it grows, and on into each newer file once there is one, until the container
     * ends and the newest file is read. A newer file exists only once conmon has reopened its log, so the file
     * being read is complete when read once more.
     */
    private void follow(LogFileReader first) throws IOException, InterruptedException {
        LogFileReader reader = first;
        try {
            while (!stopped && !out.closed()) {
                boolean finished = !running.getAsBoolean();
                while (reader.drain(this::accept)) {
                    // to the end of what is written
                }
                Path newer = newer(reader.key());
                if (newer != null) {
                    reader.drain(this::accept);
                    LogFileReader next;
                    try {
                        next = new LogFileReader(newer, 0);
                    } catch (NoSuchFileException rotatedMeanwhile) {
                        continue;
                    }
                    if (reader != first) {
                        reader.close();
                    }
                    reader = next;
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

    /**
     * The file written after the one with identity {@code key} (the oldest there is when that one is gone), or null
     * while that one is the newest: still live, or renamed by a rotation that conmon has not followed (yet, or ever,
     * when the container ended first).
     */
    private Path newer(Object key) {
        List<Path> files = LogFiles.list(log);
        int at = LogFiles.indexOf(files, key);
        for (int i = at + 1; i < files.size(); i++) {
            if (java.nio.file.Files.exists(files.get(i))) {
                return files.get(i);
            }
        }
        return null;
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
