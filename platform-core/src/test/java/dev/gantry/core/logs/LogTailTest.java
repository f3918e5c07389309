package dev.gantry.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.core.container.ContainerLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @TempDir
    Path dir;

    static String line(int i, String stream, char tag, String text) {
        return String.format("2024-01-01T00:00:%02d.%09d+00:00 %s %c %s%n", i % 60, i, stream, tag, text);
    }

    /** Two rotated files and the current one: whole lines, lines in pieces, empty lines and a line being written. */
    private Path logs(int linesPerFile, long seed) throws IOException {
        Random r = new Random(seed);
        int n = 0;
        Path log = dir.resolve("log");
        for (String name : List.of("log.2", "log.1", "log")) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < linesPerFile; i++, n++) {
                String stream = r.nextBoolean() ? "stdout" : "stderr";
                switch (r.nextInt(5)) {
                    case 0 -> b.append(line(n, stream, 'P', "piece-" + n)).append(line(n, stream, 'F', "end-" + n));
                    case 1 -> b.append(String.format("2024-01-01T00:00:00.%09d+00:00 %s F%n", n, stream));
                    case 2 -> b.append("garbage that is no log line\n");
                    default -> b.append(line(n, stream, 'F', "line " + n + " " + "x".repeat(r.nextInt(200))));
                }
            }
            Files.writeString(dir.resolve(name), b, StandardCharsets.US_ASCII);
        }
        Files.writeString(log, line(n, "stdout", 'F', "not finished").trim(),
                StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.APPEND);
        return log;
    }

    /** The reference: every entry of every file, in memory, as the old reader gave them. */
    private static String expected(Path log, int tail) throws IOException {
        List<ContainerLog.Entry> all = new ArrayList<>();
        for (Path f : LogFiles.list(log)) {
            all.addAll(ContainerLog.readAll(f));
        }
        StringBuilder b = new StringBuilder();
        for (ContainerLog.Entry e : ContainerLog.tail(all, tail)) {
            b.append(e.stream()).append(new String(e.data(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    @Test
    void givesWhatTailOfTheWholeLogGives() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            Path log = logs(40, seed);
            for (int tail : new int[] {-1, 0, 1, 2, 3, 17, 39, 40, 41, 79, 80, 81, 500}) {
                LogQuery q = new LogQuery(Long.MIN_VALUE, Long.MAX_VALUE, tail, true, true, false, false, null);
                Captured got = new Captured();
                LogStreamer.stream(log, q, () -> false, got);
                assertEquals(expected(log, tail), got.tagged.toString(), "seed " + seed + " tail " + tail);
            }
        }
    }

    @Test
    void readsFromTheEndOnly() throws Exception {
        Path big = dir.resolve("big");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            b.append(line(i, "stdout", 'F', "line " + i));
        }
        Files.writeString(big, b, StandardCharsets.US_ASCII);
        long size = Files.size(big);
        var start = LogTail.find(List.of(big), 3);
        assertTrue(start.scanned() <= 64 << 10, "scanned " + start.scanned() + " of " + size);
        Captured got = new Captured();
        LogStreamer.stream(big, new LogQuery(Long.MIN_VALUE, Long.MAX_VALUE, 3, true, true, false, false, null),
                () -> false, got);
        assertEquals("line 199997\nline 199998\nline 199999\n", got.text.toString());
    }

    /** Records what a read writes: the text, and each write tagged with its stream (a record is one write without timestamps or details). */
    static final class Captured implements LogOutput {
        final StringBuilder text = new StringBuilder();
        final StringBuilder tagged = new StringBuilder();
        int flushes;
        volatile boolean closed;

        @Override
        public void write(int stream, byte[] bytes, int offset, int length) {
            String s = new String(bytes, offset, length, StandardCharsets.UTF_8);
            text.append(s);
            tagged.append(stream).append(s);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public boolean closed() {
            return closed;
        }
    }
}
