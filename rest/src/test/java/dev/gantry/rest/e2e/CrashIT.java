package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.rest.TempRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crash suite: the engine is halted (as {@code kill -9} would, through {@code gantry.crash-at}, see
 * {@code CrashPoints}) at a named step of create, run, load, build, commit, rm, network create and cp, then
 * started again on the same roots. After each restart: every listed container and image inspects, nothing half-made is listed or left in
 * the stores' temporary places, a running container is still running, the interrupted operation works when
 * retried, and once everything is removed no mount, monitor, veth, firewall rule or network namespace is left.
 * Pulls killed midway are {@link PullCrashIT}.
 */
class CrashIT {
    /**
     * One step to crash at: the operation, run with the crash point armed, and its retry after the restart. The
     * crash point counts spans from the engine's start, so where a sentinel container is loaded and run first
     * (which passes the same steps once), the operation's step is the second of its name.
     */
    record Case(String name, String crashAt, boolean sentinel, String operation, String retry) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        String run = "docker run -d --name victim --network crashnet busybox sleep 1000";
        String rerun = "docker rm -f victim >/dev/null 2>&1; " + run;
        String create = "docker create --name victim --network crashnet busybox true";
        String recreate = "docker rm -f victim >/dev/null 2>&1; " + create;
        String build = "printf 'FROM busybox\\nRUN echo a > /a\\nRUN echo b > /b\\n' | docker build -q -t crashbuild -";
        String commit = "docker commit sentinel crashcommit";
        String created = "docker create --name victim --network crashnet busybox true";
        String rm = created + " && docker rm victim";
        String runRm = run + " && docker rm -f victim";
        // a retried rm succeeds (rm -f of what is gone is no error, as dockerd's CLI has it), then the name is free
        String reRm = "docker rm -f victim && " + created + " && docker rm victim";
        String netCreate = "docker network create crashnet2";
        String netRetry = "docker network inspect crashnet2 >/dev/null 2>&1 || " + netCreate
                + "; docker run --rm --network crashnet2 busybox true && docker network rm crashnet2";
        String cpStopped = created + " && docker cp /etc/hostname victim:/tmp/copied";
        String cpRetry = "docker cp /etc/hostname victim:/tmp/copied && docker cp victim:/tmp/copied - | tar -t | grep -qx copied";
        String cpRunning = "docker cp /etc/hostname sentinel:/tmp/copied";
        String cpRunningRetry = cpRunning + " && docker exec -i sentinel cmp /tmp/copied - < /etc/hostname";
        return List.of(
                new Case("create: before anything", "start:container.create#2", true, create, recreate),
                new Case("create: snapshot prepared", "end:storage.prepare#2", true, create, recreate),
                new Case("create: recorded", "end:container.create#2", true, create, recreate),
                new Case("run: root mounted", "end:storage.mount#2", true, run, rerun),
                new Case("run: namespace made", "end:network.namespace#2", true, run, rerun),
                new Case("run: bridge up", "end:network.bridge#2", true, run, rerun),
                new Case("run: endpoint connected", "end:network.endpoint#2", true, run, rerun),
                new Case("run: runtime created", "end:runtime.create#2", true, run, rerun),
                new Case("run: started", "end:runtime.start#2", true, run, rerun),
                new Case("load: layer extracted", "end:layer.extract", false, "docker load -i IMAGE", "docker load -i IMAGE"),
                new Case("build: first step", "end:build.step#2", true, build, build),
                new Case("commit: layer stored", "end:layer.extract#2", true, commit, commit),
                new Case("rm: before anything", "start:container.remove", true, rm, reRm),
                new Case("rm: running container killed", "end:runtime.kill", true, runRm, reRm),
                new Case("rm: file system removed", "end:storage.remove", true, rm, reRm),
                new Case("rm: record removed", "end:state.remove", true, rm, reRm),
                new Case("network create: before anything", "start:network.create#2", true, netCreate, netRetry),
                new Case("network create: recorded", "end:network.create#2", true, netCreate, netRetry),
                new Case("cp: stopped container's root mounted", "end:cp.in.mount", true, cpStopped, cpRetry),
                new Case("cp: into a stopped container, extracted", "end:cp.in.extract", true, cpStopped, cpRetry),
                new Case("cp: into a running container, extracted", "end:cp.in.extract", true, cpRunning,
                        cpRunningRetry));
    }

    /**
     * The cases to run: all of them, unless {@code gantry.crash.cases} names some (a comma-separated list of
     * prefixes of their names, such as {@code rm,cp}) while working on one step.
     */
    static List<Case> selected() {
        String only = System.getProperty("gantry.crash.cases", "");
        if (only.isBlank()) {
            return cases();
        }
        List<String> prefixes = List.of(only.split(","));
        return cases().stream().filter(c -> prefixes.stream().anyMatch(p -> c.name().startsWith(p.strip()))).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selected")
    void aCrashAtThisStepLosesNothingAndLeaksNothing(Case c) throws Exception {
        Path root = Files.createTempDirectory("gantry-e2e-");
        String bridge = "gtc" + UUID.randomUUID().toString().substring(0, 8);
        String image = TestImages.busybox().toString();
        Set<String> ids = new HashSet<>();
        try {
            crashAndRestart(c, root, bridge, image, ids);
        } finally {
            Leftovers.clear(root);
            TempRoots.deleteTree(root);
        }
    }

    private static void crashAndRestart(Case c, Path root, String bridge, String image, Set<String> ids) throws Exception {
        GantryProcess first = GantryProcess.startAt(root, Map.of("GANTRY_JAVA_OPTS", "-Dgantry.crash-at=" + c.crashAt()));
        try {
            ok(first.docker("network", "create", "-o", "com.docker.network.bridge.name=" + bridge, "crashnet"));
            if (c.sentinel()) {
                ok(first.docker("load", "-i", image));
                ok(first.docker("run", "-d", "--name", "sentinel", "busybox", "sleep", "1000"));
            }
            var crashed = first.shell(c.operation().replace("IMAGE", image));
            assertTrue(first.process().waitFor(60, TimeUnit.SECONDS), "the crash point was not reached: " + crashed.out());
            assertNotEquals(0, crashed.code(), "the operation finished although the engine halted: " + crashed.out());
            assertTrue(first.log().contains("crash point " + c.crashAt().replaceAll("#.*", "") + " reached"), first.log());
        } finally {
            if (first.process().isAlive()) {
                first.kill();
            }
        }
        try (GantryProcess again = GantryProcess.startAt(root)) {
            consistent(again, root, ids);
            if (c.sentinel()) {
                assertEquals("true", ok(again.docker("inspect", "-f", "{{.State.Running}}", "sentinel")).strip(),
                        "the running container did not survive the crash");
            }
            var retried = again.shell(c.retry().replace("IMAGE", image));
            assertEquals(0, retried.code(), "the retried operation failed: " + retried.out());
            consistent(again, root, ids);
            again.removeContainers();
            // an idle bridge is taken down: then no veth can be on it
            assertEquals("", again.shell("ip -o link show master " + bridge + " 2>/dev/null").out().strip(), "veths left on the bridge");
            ok(again.docker("network", "rm", "crashnet"));
            String rules = GantryProcess.run(List.of("sh", "-c", "iptables-save; ip6tables-save"), Map.of()).out();
            assertFalse(rules.contains(bridge), "firewall rules of a removed network are left");
            for (String id : ids) {
                assertFalse(Files.exists(Path.of("/run/netns/gantry-" + id.substring(0, 12))), "a network namespace is left: " + id);
            }
            again.terminate();
            assertEquals(List.of(), Leftovers.mounts(root), "mounts are left");
            assertEquals(List.of(), Leftovers.monitors(root), "monitors are left");
        }
    }

    /** Everything listed inspects, and the stores' temporary places are empty. */
    private static void consistent(GantryProcess g, Path root, Set<String> ids) throws Exception {
        for (String id : lines(ok(g.docker("ps", "-aq", "--no-trunc")))) {
            ids.add(id);
            ok(g.docker("inspect", id));
        }
        for (String id : lines(ok(g.docker("images", "-aq", "--no-trunc")))) {
            ok(g.docker("image", "inspect", id));
        }
        ok(g.docker("network", "ls"));
        ok(g.docker("system", "df"));
        assertEquals(0, count(root.resolve("data/content/tmp")), "temporary blobs are left");
        assertEquals(0, count(root.resolve("data/plugin-state/storage/overlay/tmp")), "half-made snapshots are left");
    }

    private static List<String> lines(String out) {
        List<String> l = new ArrayList<>();
        for (String s : out.split("\n")) {
            if (!s.isBlank()) {
                l.add(s.strip());
            }
        }
        return l;
    }

    private static long count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static String ok(GantryProcess.Result r) {
        assertEquals(0, r.code(), r.out());
        return r.out();
    }
}
