package dev.gantry.core.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final int LOOKS = 5;
    private static final int AHEAD = 16;
    private static final int RECORDS_BETWEEN_PINS = 16_384;
    private final Path log;
    private final LogQuery query;
    private final BooleanSupplier running;
    private final LogOutput out;
    private final LogTimes times = new LogTimes();
    private final byte[] details;
    private final Position from;
    private boolean stopped;
    private final ArrayDeque<LogFileReader> ahead = new ArrayDeque<>();
    private LogFileReader current;
    /**
     * The files this reader finished, by identity and final size: a directory read that a rename races may offer
     * one again. The size tells a new file that got a deleted one's inode (it starts empty) from the file itself.
     */
    private final Map<Object, Long> readFiles = new HashMap<>();
    private int records;

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
        current = first();
        try {
            while (current != null && !stopped && !out.closed()) {
                boolean finished = !query.following() || !running.getAsBoolean();
                while (current.drain(this::accept)) {
                    // to the end of what is written
                }
                pinAhead();
                if (!ahead.isEmpty()) {
                    // conmon writes a newer file now: this one is complete once read again
                    current.drain(this::accept);
                    readFiles.put(current.key(), current.size());
                    current.close();
                    current = ahead.poll();
                    continue;
                }
                if (finished) {
                    break;
                }
                out.flush();
                Thread.sleep(POLL_MS);
            }
        } catch (NoSuchFileException gone) {
            // removed with its container
        } finally {
            if (current != null) {
                current.close();
            }
            for (LogFileReader r : ahead) {
                r.close();
            }
        }
        out.flush();
    }

    /**
     * Opens the files newer than the one being read, up to {@link #AHEAD} of them: a reader that holds a file
     * open keeps it when a rotation deletes the oldest, so a reader a few rotations behind a fast writer (a small
     * {@code max-file}) still reads every line. What it holds stays bounded.
     */
    private void pinAhead() throws InterruptedException {
        while (ahead.size() < AHEAD) {
            Path newer = newer(ahead.isEmpty() ? current.key() : ahead.peekLast().key());
            LogFileReader r;
            try {
                r = newer == null ? null : open(newer, 0);
            } catch (IOException e) {
                r = null;
            }
            if (r == null) {
                return; // looked for again on the next round
            }
            ahead.add(r);
        }
    }

    /** The file and place the read starts at; null when there is no log and none is to be waited for. */
    private LogFileReader first() throws IOException, InterruptedException {
        while (true) {
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
            LogFileReader reader = open(files.get(next), offset);
            if (reader != null) {
                return reader;
            }
            boolean live = next == files.size() - 1;
            if (live && !(query.following() && running.getAsBoolean())) {
                return null; // no log (yet, or any more)
            }
            if (live) {
                Thread.sleep(POLL_MS); // not written yet, or between a rotation's rename and conmon's reopen
            }
        }
    }

    private boolean readBefore(Object key, Path file) {
        Long size = readFiles.get(key);
        return size != null && size == LogFiles.size(file);
    }

    private boolean held(Object key) {
        return key.equals(current.key()) || ahead.stream().anyMatch(r -> key.equals(r.key()));
    }

    private static LogFileReader open(Path file, long offset) throws IOException {
        try {
            return new LogFileReader(file, offset);
        } catch (NoSuchFileException rotatedMeanwhile) {
            return null;
        }
    }

    /**
     * The file written after the one with identity {@code key}, or null while that one is the newest: still live,
     * or renamed by a rotation that conmon has not followed (yet, or ever, when the container ended first). A
     * directory read while a rotation renames may miss a file, so a file not found is looked for again before it
     * is taken as gone (and then the oldest file there is follows it: a rotation deletes the oldest first). Never
     * the answer: a file this reader holds open, or one it finished (same identity and final size; the identity
     * alone is not enough, since a deleted file's inode may come back on a new file).
     */
    private Path newer(Object key) throws InterruptedException {
        if (key != null && key.equals(LogFiles.key(log))) {
            return null; // still the live file: the cheap look a follower makes every poll
        }
        for (int look = 1; ; look++) {
            List<Path> files = LogFiles.list(log);
            List<Object> keys = files.stream().map(LogFiles::key).toList(); // one stat a file, used throughout
            int at = key == null ? -1 : keys.indexOf(key);
            if (at < 0 && look < LOOKS) {
                Thread.sleep(1);
                continue;
            }
            readFiles.keySet().retainAll(keys);
            for (int i = at + 1; i < files.size(); i++) {
                if (keys.get(i) != null && !held(keys.get(i)) && !readBefore(keys.get(i), files.get(i))) {
                    return files.get(i);
                }
            }
            return null;
        }
    }

    private boolean accept(LogRecord r) throws InterruptedException {
        if (++records % RECORDS_BETWEEN_PINS == 0) {
            pinAhead(); // a long file takes a while: the rotations meanwhile must not take the files after it
        }
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
