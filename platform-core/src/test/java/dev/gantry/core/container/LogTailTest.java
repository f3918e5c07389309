package dev.gantry.core.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static String line(int i, String stream, char tag, String text) {
        return String.format("2024-01-01T00:00:%02d.%09d+00:00 %s %c %s%n", i % 60, i, stream, tag, text);
    }

    /** Two rotated files and the current one: whole lines, lines in pieces, empty lines and a line being written. */
    private List<Path> logs(int linesPerFile, long seed) throws IOException {
        Random r = new Random(seed);
        List<Path> files = new ArrayList<>();
        int n = 0;
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
            Path f = dir.resolve(name);
            Files.writeString(f, b, StandardCharsets.US_ASCII);
            files.add(f);
        }
        Files.writeString(files.get(2), line(n, "stdout", 'F', "not finished").trim(),
                StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.APPEND);
        return files;
    }

    private static List<ContainerLog.Entry> all(List<Path> files) throws IOException {
        List<ContainerLog.Entry> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(ContainerLog.readAll(f));
        }
        return all;
    }

    @Test
    void givesWhatTailOfTheWholeLogGives() throws IOException {
        for (long seed = 1; seed <= 5; seed++) {
            List<Path> files = logs(40, seed);
            List<ContainerLog.Entry> whole = all(files);
            for (int tail : new int[] {-1, 0, 1, 2, 3, 17, 39, 40, 41, 79, 80, 81, 500}) {
                List<ContainerLog.Entry> expected = ContainerLog.tail(whole, tail);
                List<ContainerLog.Entry> got = new ArrayList<>();
                LogTail.replay(files, LogTail.find(files, tail), got::add);
                assertEquals(expected.size(), got.size(), "seed " + seed + " tail " + tail);
                for (int i = 0; i < got.size(); i++) {
                    assertArrayEquals(expected.get(i).data(), got.get(i).data());
                    assertEquals(expected.get(i).stream(), got.get(i).stream());
                }
            }
        }
    }

    @Test
    void readsFromTheEndOnly() throws IOException {
        Path big = dir.resolve("big");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            b.append(line(i, "stdout", 'F', "line " + i));
        }
        Files.writeString(big, b, StandardCharsets.US_ASCII);
        long size = Files.size(big);
        var start = LogTail.find(List.of(big), 3);
        assertTrue(start.scanned() <= 64 << 10, "scanned " + start.scanned() + " of " + size);
        List<ContainerLog.Entry> got = new ArrayList<>();
        LogTail.replay(List.of(big), start, got::add);
        assertEquals(3, got.size());
        assertEquals("line 199999\n", new String(got.get(2).data(), StandardCharsets.US_ASCII));
    }
}
