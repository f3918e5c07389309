package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gantry.rest.TempRoots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The test images from {@code scripts/make-test-images}, made once per test run and removed at its end. */
final class TestImages {
    private static Path dir;

    private TestImages() {
    }

    static synchronized Path dir() throws IOException, InterruptedException {
        if (dir == null) {
            Path made = Files.createTempDirectory("gantry-images-");
            var r = GantryProcess.run(List.of(GantryProcess.TOP.resolve("scripts/make-test-images").toString(), made.toString()), Map.of());
            assertEquals(0, r.code(), r.out());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TempRoots.deleteTree(made)));
            dir = made;
        }
        return dir;
    }

    static Path busybox() throws IOException, InterruptedException {
        return dir().resolve("busybox.tar");
    }
}
