package dev.gantry.core.logs;

import java.nio.charset.StandardCharsets;

/**
 * One record of the log conmon writes (the CRI "k8s-file" format: {@code <time> <stream> <P|F> <bytes>} a line,
 * where {@code P} marks a piece of a longer line), seen in place in the reader's buffer. The reader reuses one
 * instance for every record, so nothing is allocated per line; a consumer copies what it keeps.
 */
public final class LogRecord {
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    private final LogTimes times = new LogTimes();
    private byte[] buf;
    private int payload;
    private int end;
    private int stream;
    private boolean partial;
    private long nanos;

    /**
     * Reads the record in {@code b[from, to)} (without its newline); false when it is not a log record (a
     * line cut by truncation, garbage), which readers skip.
     */
    boolean parse(byte[] b, int from, int to) {
        int s1 = indexOf(b, from, to, (byte) ' ');
        int s2 = s1 < 0 ? -1 : indexOf(b, s1 + 1, to, (byte) ' ');
        int s3 = s2 < 0 ? -1 : indexOf(b, s2 + 1, to, (byte) ' ');
        if (s3 < 0 && s2 >= 0 && to - s2 == 2) {
            s3 = to; // an empty full line has no space after the tag
        }
        if (s3 < 0 || s2 + 1 >= to) {
            return false;
        }
        long t = times.parse(b, from, s1);
        if (t == LogTimes.INVALID) {
            return false;
        }
        buf = b;
        nanos = t;
        stream = s2 - s1 == 7 && b[s1 + 4] == 'e' ? STDERR : STDOUT;
        partial = b[s2 + 1] == 'P';
        payload = Math.min(s3 + 1, to);
        end = to;
        return true;
    }

    public int stream() {
        return stream;
    }

    /** Nanoseconds since the epoch. */
    public long nanos() {
        return nanos;
    }

    /** Whether this is a piece of a longer line (no newline after it). */
    public boolean partial() {
        return partial;
    }

    /** Sends what the process wrote, with the newline a whole line ends with. */
    void writeTo(LogOutput out) throws InterruptedException {
        out.write(stream, buf, payload, end - payload + (partial ? 0 : 1));
    }

    /** What the process wrote, newline included, as text (for tests and small readers). */
    public String text() {
        return new String(buf, payload, end - payload, StandardCharsets.UTF_8) + (partial ? "" : "\n");
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
