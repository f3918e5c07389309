package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Docker SDK for Python (Debian's {@code python3-docker}) against {@code scripts/gantry serve}: every
 * scenario script in {@code rest/src/test/python/sdk} (names not starting with {@code _}) runs as one test, with
 * {@code DOCKER_HOST} pointed at the engine and busybox loaded. A script passes when it exits 0; it prints what
 * it checked, and what failed.
 */
class PythonSdkIT {
    /** Debian's interpreter, which is the one python3-docker is installed for (not a user's pyenv). */
    static final String PYTHON = "/usr/bin/python3";
    static final Path SCENARIOS = GantryProcess.TOP.resolve("rest/src/test/python/sdk");
    private static GantryProcess gantry;

    @BeforeAll
    static void start() throws Exception {
        gantry = GantryProcess.start();
        var load = gantry.docker("load", "-i", TestImages.busybox().toString());
        assertEquals(0, load.code(), load.out());
    }

    @AfterAll
    static void stop() throws Exception {
        gantry.close();
    }

    @TestFactory
    Stream<DynamicTest> scenarios() throws Exception {
        List<Path> scripts;
        try (var files = Files.list(SCENARIOS)) {
            scripts = files.filter(p -> p.toString().endsWith(".py"))
                    .filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList();
        }
        return scripts.stream().map(s -> DynamicTest.dynamicTest(s.getFileName().toString(), () -> run(s)));
    }

    private static void run(Path script) throws Exception {
        var r = GantryProcess.run(List.of(PYTHON, script.toString()), Map.of(
                "DOCKER_HOST", "unix://" + gantry.socket,
                "GANTRY_TEST_ROOT", gantry.root.toString(),
                "PYTHONPATH", SCENARIOS.toString(),
                "PYTHONDONTWRITEBYTECODE", "1"));
        System.out.println("--- " + script.getFileName() + "\n" + r.out());
        assertEquals(0, r.code(), script.getFileName() + " failed:\n" + r.out());
    }
}
