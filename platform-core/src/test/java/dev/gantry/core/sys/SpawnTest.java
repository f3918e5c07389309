package dev.gantry.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** posix_spawn through FFM: the child's descriptors, environment, signal state and exit code. */
class SpawnTest {
    @TempDir
    Path dir;

    private int finish(long pid) throws Exception {
        for (int i = 0; i < 10_000; i++) {
            int code = Spawn.poll(pid);
            if (code >= 0) {
                return code;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("the child did not end");
    }

    @Test
    void theChildHasStdioAndFd3AndNothingElse() throws Exception {
        Path out = dir.resolve("out");
        Path three = dir.resolve("three");
        Files.writeString(three, "");
        // the engine's own descriptors (this test's JVM holds dozens) must not reach the child
        long pid = Spawn.start(List.of("/bin/sh", "-c",
                "echo to-three >&3; echo err >&2; read x || echo stdin-empty; ls /proc/$$/fd | sort -n | tr '\\n' ' '; "
                        + "echo; echo \"[$GANTRY_SPAWN_TEST]\"; grep -E '^(SigBlk|SigIgn)' /proc/$$/status; exit 7"),
                Map.of("GANTRY_SPAWN_TEST", "value", "PATH", "/usr/bin:/bin"), out, three);
        assertEquals(7, finish(pid));
        String text = Files.readString(out);
        assertEquals("to-three\n", Files.readString(three));
        assertTrue(text.contains("err\n"), text);
        assertTrue(text.contains("stdin-empty"), text);
        assertTrue(text.contains("0 1 2 3 \n"), "only stdio and fd 3 are open: " + text);
        assertTrue(text.contains("[value]"), text);
        assertTrue(text.contains("SigBlk:\t0000000000000000"), "no signal is blocked: " + text);
    }

    @Test
    void aKilledChildReportsItsSignal() throws Exception {
        Path three = dir.resolve("three");
        Files.writeString(three, "");
        long pid = Spawn.start(List.of("/bin/sh", "-c", "kill -9 $$"), Map.of(), dir.resolve("out"), three);
        assertEquals(128 + 9, finish(pid));
    }

    @Test
    void aMissingProgramIsAnError() throws Exception {
        Path three = dir.resolve("three");
        Files.writeString(three, "");
        assertThrows(IOException.class, () -> Spawn.start(List.of("/nonexistent/conmon"), Map.of(), dir.resolve("out"), three));
        assertThrows(IOException.class, () -> Spawn.poll(1));
    }
}
