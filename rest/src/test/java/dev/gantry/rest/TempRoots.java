package dev.gantry.rest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A fresh socket, data root and run root for each test run, removed afterwards. */
public class TempRoots implements QuarkusTestResourceLifecycleManager {
    private Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("gantry-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("gantry.socket", root.resolve("gantry.sock").toString(),
                "gantry.data-root", root.resolve("data").toString(),
                "gantry.run-root", root.resolve("run").toString());
    }

    @Override
    public void stop() {
        deleteTree(root);
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
