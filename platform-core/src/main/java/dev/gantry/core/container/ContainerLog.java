package dev.gantry.core.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the log conmon writes (the CRI "k8s-file" format: {@code <time> <stream> <P|F> <bytes>} a line, where
 * {@code P} marks a piece of a longer line) and gives back what the process wrote, chunk by chunk, with its stream
 * and time, for small readers and tests. Following a log (across rotations) is {@code core/logs/LogStreamer}'s.
 */
public final class ContainerLog {
    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    /** One chunk of output; {@code data} ends with a newline unless the process wrote a partial line. */
    public record Entry(int stream, Instant time, byte[] data) {
        boolean endsLine() {
            return data.length > 0 && data[data.length - 1] == '\n';
        }
    }

    private ContainerLog() {
    }

    /** Every entry from {@code offset} on that is complete; returns the offset after the last one read. */
    public static long read(Path file, long offset, Consumer<Entry> sink) throws IOException {
        long size;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            if (size < offset) {
                offset = 0;
            }
            if (size == offset) {
                return offset;
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size - offset, 4 << 20));
            ch.read(buf, offset);
            byte[] bytes = buf.array();
            int len = buf.position();
            int start = 0;
            for (int i = 0; i < len; i++) {
                if (bytes[i] == '\n') {
                    parse(bytes, start, i).ifPresent(sink);
                    start = i + 1;
                }
            }
            return offset + start;
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** All entries of the file. */
    public static List<Entry> readAll(Path file) throws IOException {
        List<Entry> all = new ArrayList<>();
        long offset = 0;
        while (true) {
            long next = read(file, offset, all::add);
            if (next == offset) {
                return all;
            }
            offset = next;
        }
    }

    public static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last {@code lines} lines of {@code entries}, where pieces of one line count once. */
    public static List<Entry> tail(List<Entry> entries, int lines) {
        if (lines < 0) {
            return entries;
        }
        int seen = 0;
        int i = entries.size();
        while (i > 0) {
            Entry e = entries.get(i - 1);
            if (e.endsLine()) {
                if (seen == lines) {
                    break;
                }
                seen++;
            }
            i--;
        }
        return entries.subList(i, entries.size());
    }

    private static java.util.Optional<Entry> parse(byte[] b, int from, int to) {
        int s1 = indexOf(b, from, to, (byte) ' ');
        int s2 = s1 < 0 ? -1 : indexOf(b, s1 + 1, to, (byte) ' ');
        int s3 = s2 < 0 ? -1 : indexOf(b, s2 + 1, to, (byte) ' ');
        if (s3 < 0 && s2 >= 0 && to - s2 == 2) {
            s3 = to; // an empty full line has no space after the tag
        }
        if (s3 < 0) {
            return java.util.Optional.empty();
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(new String(b, from, s1 - from, java.nio.charset.StandardCharsets.US_ASCII)).toInstant();
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        int stream = b[s1 + 1] == 's' && b[s1 + 4] == 'e' ? STDERR : STDOUT;
        boolean partial = b[s2 + 1] == 'P';
        ByteArrayOutputStream data = new ByteArrayOutputStream(to - s3 + 1);
        if (s3 < to) {
            data.write(b, s3 + 1, to - s3 - 1);
        }
        if (!partial) {
            data.write('\n');
        }
        return java.util.Optional.of(new Entry(stream, time, data.toByteArray()));
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
