package dev.gantry.core.logs;

import static dev.gantry.core.logs.LogTailTest.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStreamerTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long BASE = java.time.Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() * SECOND;
    @TempDir
    Path dir;

    private static LogQuery query(long since, long until, boolean stdout, boolean stderr) {
        return new LogQuery(since, until, -1, stdout, stderr, false, false, null);
    }

    private String read(Path log, LogQuery q) throws Exception {
        LogTailTest.Captured got = new LogTailTest.Captured();
        LogStreamer.stream(log, q, () -> false, got);
        return got.text.toString();
    }

    @Test
    void selectsByTimeAndStream() throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, line(1, "stdout", 'F', "a") + line(2, "stderr", 'F', "b") + line(3, "stdout", 'P', "c")
                + line(3, "stdout", 'F', "d") + line(4, "stderr", 'F', "e"));
        assertEquals("a\nb\ncd\ne\n", read(log, LogQuery.all()));
        assertEquals("a\ncd\n", read(log, query(Long.MIN_VALUE, Long.MAX_VALUE, true, false)));
        assertEquals("b\ne\n", read(log, query(Long.MIN_VALUE, Long.MAX_VALUE, false, true)));
        // line(i) is at second i and i nanoseconds
        assertEquals("b\ncd\n", read(log, query(BASE + 2 * SECOND, BASE + 3 * SECOND + 3, true, true)));
        assertEquals("cd\ne\n", read(log, query(BASE + 2 * SECOND + 3, Long.MAX_VALUE, true, true)));
    }

    @Test
    void timestampsInDockersFixedFormAndDetailsBeforeTheLine() throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, "2024-01-01T01:00:00.5+01:00 stdout F one\n2024-01-01T00:00:01Z stdout F two\n");
        String got = read(log, new LogQuery(Long.MIN_VALUE, Long.MAX_VALUE, -1, true, true, false, true, "a=1,b=x%2Fy"));
        assertEquals("2024-01-01T00:00:00.500000000Z a=1,b=x%2Fy one\n2024-01-01T00:00:01.000000000Z a=1,b=x%2Fy two\n",
                got);
        assertEquals(" one\n two\n", read(log, new LogQuery(Long.MIN_VALUE, Long.MAX_VALUE, -1, true, true, false, false, "")));
    }

    @Test
    void skipsALineLongerThanTheBufferAndReadsOn() throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, line(1, "stdout", 'F', "before") + line(2, "stdout", 'F', "x".repeat(LogFileReader.BUFFER * 2))
                + line(3, "stdout", 'F', "after"));
        assertEquals("before\nafter\n", read(log, LogQuery.all()));
    }

    /** A client that does not read holds the read where it is: nothing runs ahead into memory. */
    @Test
    void aBlockedClientPausesTheRead() throws Exception {
        Path log = dir.resolve("log");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            b.append(line(i, "stdout", 'F', "line " + i));
        }
        Files.writeString(log, b);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        LogOutput slow = new LogOutput() {
            @Override
            public void write(int stream, byte[] bytes, int offset, int length) throws InterruptedException {
                if (written.addAndGet(length) > 1000) {
                    release.await();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public boolean closed() {
                return false;
            }
        };
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                LogStreamer.stream(log, LogQuery.all(), () -> false, slow);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(300);
        assertTrue(written.get() < 1100, "read on to " + written.get());
        release.countDown();
        reader.join(TimeUnit.SECONDS.toMillis(60));
        assertEquals(Files.readAllLines(log).stream().mapToLong(l -> l.substring(l.indexOf(" F ") + 3).length() + 1).sum(),
                written.get());
    }

    /** Following reads on through rotations (rename, new file) without losing or repeating a line. */
    @Test
    void followsAcrossRotations() throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, "");
        AtomicBoolean running = new AtomicBoolean(true);
        LogTailTest.Captured got = new LogTailTest.Captured();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                LogStreamer.stream(log, new LogQuery(Long.MIN_VALUE, Long.MAX_VALUE, -1, true, true, true, false, null),
                        running::get, got);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        StringBuilder want = new StringBuilder();
        int n = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 2000; i++, n++) {
                Files.writeString(log, line(n, "stdout", 'F', "l" + n), StandardOpenOption.APPEND);
                want.append("l").append(n).append('\n');
            }
            Files.deleteIfExists(LogFiles.rotated(log, 2));
            if (Files.exists(LogFiles.rotated(log, 1))) {
                Files.move(LogFiles.rotated(log, 1), LogFiles.rotated(log, 2));
            }
            Files.move(log, LogFiles.rotated(log, 1));
            Thread.sleep(round * 20L); // sometimes the new file comes late, as when conmon reopens
            Files.writeString(log, "");
        }
        Files.writeString(log, line(n, "stderr", 'F', "last"), StandardOpenOption.APPEND);
        want.append("last\n");
        running.set(false);
        reader.join(TimeUnit.SECONDS.toMillis(60));
        assertEquals(want.toString(), got.text.toString());
    }

    /**
     * A follower two rotations behind when the container ends, the last rotation never followed by a reopen (conmon
     * exited first, so there is no live file): it still reads the newer file before it ends.
     */
    @Test
    void aFollowerBehindReadsEveryNewerFileWhenTheContainerEndsBeforeAReopen() throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, line(0, "stdout", 'F', "a0"));
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch inFollow = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StringBuilder got = new StringBuilder();
        LogOutput held = new LogOutput() {
            @Override
            public void write(int stream, byte[] bytes, int offset, int length) throws InterruptedException {
                if (!got.isEmpty()) {
                    inFollow.countDown();
                    release.await(); // the client is slow: the reader stays on the first file
                }
                got.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
            }

            @Override
            public boolean closed() {
                return false;
            }
        };
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                LogStreamer.stream(log, new LogQuery(Long.MIN_VALUE, Long.MAX_VALUE, -1, true, true, true, false, null),
                        running::get, held);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(100); // the reader has read a0 and follows the live file
        Files.writeString(log, line(1, "stdout", 'F', "a1"), StandardOpenOption.APPEND);
        assertTrue(inFollow.await(10, TimeUnit.SECONDS));
        Files.move(log, LogFiles.rotated(log, 1)); // rotated, and conmon reopened
        Files.writeString(log, line(2, "stdout", 'F', "b2"));
        Files.move(LogFiles.rotated(log, 1), LogFiles.rotated(log, 2));
        Files.move(log, LogFiles.rotated(log, 1)); // rotated again, and the container ended before a reopen
        running.set(false);
        release.countDown();
        reader.join(TimeUnit.SECONDS.toMillis(60));
        assertEquals("a0\na1\nb2\n", got.toString());
    }

    @Test
    void timesParseAndFormat() {
        LogTimes t = new LogTimes();
        byte[] a = "2024-01-01T00:00:01.123456789+00:00".getBytes(StandardCharsets.US_ASCII);
        assertEquals(BASE + SECOND + 123_456_789, t.parse(a, 0, a.length));
        byte[] b = "2024-01-01T02:00:01.1+02:00".getBytes(StandardCharsets.US_ASCII);
        assertEquals(BASE + SECOND + 100_000_000, t.parse(b, 0, b.length));
        byte[] bad = "2024-13-01T00:00:01.1Z".getBytes(StandardCharsets.US_ASCII);
        assertEquals(LogTimes.INVALID, t.parse(bad, 0, bad.length));
        byte[] noFraction = "2024-01-01T00:00:01.Z".getBytes(StandardCharsets.US_ASCII);
        assertEquals(LogTimes.INVALID, t.parse(noFraction, 0, noFraction.length));
        assertEquals("2024-01-01T00:00:01.000000042Z ",
                new String(t.format(BASE + SECOND + 42), StandardCharsets.US_ASCII));
    }
}
