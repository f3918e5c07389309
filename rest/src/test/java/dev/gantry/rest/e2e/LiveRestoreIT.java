package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.rest.TempRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Containers outlive the engine: kill -9 Gantry while containers run, start it again on the same roots, and they
 * are still there, their logs follow again, and one that ended meanwhile has its exit code. Also: many
 * {@code run --rm} cycles leave no mount, monitor, cgroup or run-root entry behind.
 */
class LiveRestoreIT {
    private static Path images;

    @BeforeAll
    static void images() throws Exception {
        images = TestImages.dir();
    }

    static String ok(GantryProcess.Result r) {
        assertEquals(0, r.code(), r.out());
        return r.out();
    }

    @Test
    void containersSurviveAnEngineCrash() throws Exception {
        Path root = Files.createTempDirectory("gantry-e2e-");
        GantryProcess first = GantryProcess.startAt(root);
        GantryProcess second = null;
        try {
            ok(first.docker("load", "-i", images.resolve("busybox.tar").toString()));
            for (String name : List.of("r1", "r2", "r3")) {
                ok(first.docker("run", "-d", "--name", name, "busybox", "sh", "-c",
                        "trap 'exit 0' TERM; i=0; while true; do echo " + name + " $i; i=$((i+1)); sleep 0.2; done"));
            }
            ok(first.docker("run", "-d", "--name", "ender", "busybox", "sh", "-c", "sleep 2; exit 7"));
            first.kill();
            Thread.sleep(2500);
            second = GantryProcess.startAt(root);
            for (String name : List.of("r1", "r2", "r3")) {
                assertEquals("running", ok(second.docker("inspect", "-f", "{{.State.Status}}", name)).strip(), name);
                var follow = second.shell("timeout 1 docker logs -f --tail 0 " + name);
                assertTrue(follow.out().contains(name + " "), follow.out());
                ok(second.docker("exec", name, "true"));
            }
            assertEquals("exited 7", ok(second.docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "ender")).strip());
            ok(second.docker("stop", "r1"));
            assertEquals("exited", ok(second.docker("inspect", "-f", "{{.State.Status}}", "r1")).strip());
        } finally {
            if (second != null) {
                second.close();
            } else {
                first.close();
            }
        }
    }

    @Test
    void runRemoveCyclesLeaveNothing() throws Exception {
        GantryProcess g = GantryProcess.start();
        try {
            ok(g.docker("load", "-i", images.resolve("busybox.tar").toString()));
            Path ids = Files.createDirectories(g.root.resolve("cids"));
            var cycles = g.shell("for i in $(seq 1 200); do docker run --rm --cidfile " + ids + "/$i busybox true || exit 1; done");
            assertEquals(0, cycles.code(), cycles.out());
            assertEquals("", ok(g.docker("ps", "-aq")).strip());
            assertEquals(List.of(), Leftovers.mounts(g.root), "mounts");
            assertEquals(List.of(), Leftovers.monitors(g.root), "monitors");
            List<String> cgroupsLeft = new java.util.ArrayList<>();
            try (var files = Files.list(ids)) {
                for (Path cid : files.toList()) {
                    String id = Files.readString(cid).strip();
                    assertEquals(64, id.length(), id);
                    for (String controller : List.of("memory", "cpu", "pids", "freezer", "devices", "blkio", "cpuset")) {
                        if (Files.exists(Path.of("/sys/fs/cgroup", controller, "gantry", id))) {
                            cgroupsLeft.add(controller + "/" + id);
                        }
                    }
                }
            }
            assertEquals(List.of(), cgroupsLeft, "cgroups");
            for (String dir : List.of("containers", "sock", "exits", "execs", "mnt")) {
                Path p = g.root.resolve("run").resolve(dir);
                if (Files.isDirectory(p)) {
                    try (var s = Files.list(p)) {
                        assertEquals(List.of(), s.toList(), dir);
                    }
                }
            }
            try (var s = Files.list(g.root.resolve("run/plugins/runtime/runc/root"))) {
                assertEquals(List.of(), s.toList(), "runtime state");
            }
        } finally {
            g.close();
        }
    }
}
