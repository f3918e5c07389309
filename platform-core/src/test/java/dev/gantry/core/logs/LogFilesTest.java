package dev.gantry.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {
    @TempDir
    Path dir;

    @Test
    void listsEveryRotatedFileOldestFirstHoweverMany() throws Exception {
        Path log = dir.resolve("container.log");
        Files.writeString(log, "");
        List<Path> expected = new ArrayList<>();
        for (int n = 30; n >= 1; n--) {
            Path p = LogFiles.rotated(log, n);
            Files.writeString(p, "");
            expected.add(p);
        }
        expected.add(log);
        // names beside the log that are not rotated generations
        Files.createLink(LogFiles.kept(log), log); // the live file's second name
        Files.writeString(dir.resolve("container.log.1x"), "");
        Files.writeString(dir.resolve("other.log.1"), "");
        assertEquals(expected, LogFiles.list(log));
    }

    /** A live file conmon replaced at its cap, still under its second name only, comes just before the live one. */
    @Test
    void theKeptFileComesBeforeTheLiveOneOnlyWhenItIsAnotherFile() throws Exception {
        Path log = dir.resolve("container.log");
        Path one = LogFiles.rotated(log, 1);
        Files.writeString(one, "");
        Files.writeString(log, "");
        Path kept = LogFiles.kept(log);
        Files.createLink(kept, log);
        assertEquals(List.of(one, log), LogFiles.list(log));
        Files.delete(kept);
        Files.createLink(kept, one); // between a rotation's rename and the second name's removal
        assertEquals(List.of(one, log), LogFiles.list(log));
        Files.delete(kept);
        Files.writeString(kept, "replaced by conmon");
        assertEquals(List.of(one, kept, log), LogFiles.list(log));
    }

    @Test
    void theLiveNameAloneWhenNothingRotatedOrTheDirectoryIsGone() {
        Path log = dir.resolve("container.log");
        assertEquals(List.of(log), LogFiles.list(log));
        Path gone = dir.resolve("gone/container.log");
        assertEquals(List.of(gone), LogFiles.list(gone));
    }
}
