package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.rest.TempRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code docker cp} against containers that try to reach the host through links: whatever the container's
 * links say, and however it swaps them while the copy runs, the copy reads and writes only what the container
 * itself sees. And cp sees the container's mounts.
 */
class CopyIT {
    private static GantryProcess gantry;
    private Path host;

    @BeforeAll
    static void start() throws Exception {
        gantry = GantryProcess.start();
        ok(gantry.docker("load", "-i", TestImages.busybox().toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        gantry.close();
    }

    @BeforeEach
    void hostDir() throws Exception {
        host = Files.createTempDirectory("gantry-copyit-");
        Files.writeString(host.resolve("secret"), "host-secret\n");
    }

    @AfterEach
    void cleanup() throws Exception {
        gantry.removeContainers();
        TempRoots.deleteTree(host);
    }

    static String ok(GantryProcess.Result r) {
        assertEquals(0, r.code(), r.out());
        return r.out();
    }

    private static GantryProcess.Result docker(String... args) throws Exception {
        return gantry.docker(args);
    }

    /** The host directory's names besides the planted secret: anything here came through the container. */
    private long hostWrites() throws Exception {
        try (Stream<Path> s = Files.list(host)) {
            return s.filter(p -> !p.getFileName().toString().equals("secret")).count();
        }
    }

    @Test
    void aLinkToTheHostPathLeadsInsideTheContainer() throws Exception {
        // the container has its own copy of the host path, and a link to it
        ok(docker("run", "-d", "--name", "linker", "busybox", "sh", "-c",
                "mkdir -p " + host + " && echo container-secret > " + host + "/secret && ln -s " + host + " /escape"
                        + " && ln -s / /up && sleep 300"));
        waitFor("linker", "/up");
        Path file = Files.writeString(Files.createTempDirectory("gantry-copyit-src-").resolve("pwned"), "pwned\n");
        try {
            ok(docker("cp", file.toString(), "linker:/escape/pwned"));
            assertEquals(0, hostWrites(), "cp wrote into the host's directory");
            assertEquals("pwned\n", ok(docker("exec", "linker", "cat", host + "/pwned")));
            String read = ok(gantry.shell("docker cp linker:/escape/secret - | tar -xO"));
            assertEquals("container-secret\n", read);
            // a link to / is the container's /, never the host's
            String unique = "gantry-copyit-" + UUID.randomUUID();
            ok(docker("cp", file.toString(), "linker:/up/" + unique));
            assertFalse(Files.exists(Path.of("/" + unique)), "cp wrote into the host's /");
            assertEquals("pwned\n", ok(docker("exec", "linker", "cat", "/" + unique)));
        } finally {
            TempRoots.deleteTree(file.getParent());
        }
    }

    @Test
    void aLinkInsideABindMountStaysInTheContainer() throws Exception {
        ok(docker("run", "-d", "--name", "bound", "-v", host + ":/bound", "busybox", "sh", "-c",
                "ln -s / /bound/up && sleep 300"));
        waitFor("bound", "/bound/up");
        Path file = Files.writeString(Files.createTempDirectory("gantry-copyit-src-").resolve("via-bind"), "via bind\n");
        try {
            ok(docker("cp", file.toString(), "bound:/bound/"));
            assertEquals("via bind\n", Files.readString(host.resolve("via-bind")), "the bind is what cp writes to");
            assertEquals("host-secret\n", ok(gantry.shell("docker cp bound:/bound/secret - | tar -xO")));
            // /bound/up is a link to / in the host's directory: through the container it is the container's /
            String unique = "gantry-copyit-" + UUID.randomUUID();
            ok(docker("cp", file.toString(), "bound:/bound/up/" + unique));
            assertFalse(Files.exists(Path.of("/" + unique)), "cp wrote into the host's /");
            assertEquals("via bind\n", ok(docker("exec", "bound", "cat", "/" + unique)));
            ok(docker("stop", "-t", "0", "bound"));
            // stopped: the bind is mounted for the copy again
            assertEquals("host-secret\n", ok(gantry.shell("docker cp bound:/bound/secret - | tar -xO")));
        } finally {
            TempRoots.deleteTree(file.getParent());
        }
    }

    /**
     * The container swaps a directory for a link to the host path in a tight loop while cp reads and writes
     * through it: a check-then-open on the host would sooner or later follow the link out.
     */
    @Test
    void aLinkSwappedInDuringTheCopyDoesNotLeadOut() throws Exception {
        ok(docker("run", "-d", "--name", "racer", "busybox", "sh", "-c",
                "mkdir -p /d && echo container-secret > /d/secret && while true; do mv /d /d.real; ln -s " + host
                        + " /d; mv /d /d.link; mv /d.real /d; done"));
        Path src = Files.createTempDirectory("gantry-copyit-src-");
        try {
            Files.writeString(src.resolve("raced"), "raced\n");
            for (int i = 0; i < 100; i++) {
                var read = gantry.shell("docker cp racer:/d/secret - | tar -xO");
                assertFalse(read.out().contains("host-secret"), "cp read the host's file: " + read.out());
                docker("cp", src.resolve("raced").toString(), "racer:/d/");
            }
            assertEquals(0, hostWrites(), "cp wrote into the host's directory");
            assertEquals("host-secret\n", Files.readString(host.resolve("secret")));
        } finally {
            TempRoots.deleteTree(src);
        }
    }

    @Test
    void tmpfsAndVolumesAreWhatCpSees() throws Exception {
        ok(docker("volume", "create", "copyit-vol"));
        try {
            ok(docker("run", "-d", "--name", "mounts", "--tmpfs", "/scratch", "-v", "copyit-vol:/vol1", "busybox",
                    "sleep", "300"));
            Path file = Files.writeString(Files.createTempDirectory("gantry-copyit-src-").resolve("f"), "in mount\n");
            try {
                ok(docker("cp", file.toString(), "mounts:/scratch/"));
                ok(docker("cp", file.toString(), "mounts:/vol1/"));
                assertEquals("in mount\n", ok(docker("exec", "mounts", "cat", "/scratch/f")));
                assertEquals("in mount\n", ok(docker("exec", "mounts", "cat", "/vol1/f")));
                ok(docker("stop", "-t", "0", "mounts"));
                assertEquals("in mount\n", ok(gantry.shell("docker cp mounts:/vol1/f - | tar -xO")));
            } finally {
                TempRoots.deleteTree(file.getParent());
            }
        } finally {
            docker("rm", "-f", "mounts");
            docker("volume", "rm", "copyit-vol");
        }
    }

    private static void waitFor(String container, String path) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (docker("exec", container, "test", "-e", path).code() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        assertTrue(false, path + " never appeared in " + container);
    }
}
