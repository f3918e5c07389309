package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Builds with the real docker CLI's legacy builder ({@code DOCKER_BUILDKIT=0}) against Gantry: the seed's
 * multi-stage example adapted to busybox, the cache, options, a failing RUN, history, and the cache across a
 * restart of the engine.
 */
class BuildsIT {
    private static final String DOCKERFILE = """
            # syntax=docker/dockerfile:1
            ARG BASE=busybox
            FROM ${BASE} AS builder
            ARG GREETING=hello
            RUN mkdir -p /out && echo "$GREETING from the builder" > /out/greeting.txt
            COPY app/ /out/app/

            FROM busybox AS runtime
            LABEL org.example.name="demo app" version=1
            RUN adduser -D appuser
            COPY --from=builder /out /srv
            COPY --chown=appuser:appuser app/hello.txt /home/appuser/
            WORKDIR /srv
            ENV MODE=prod \\
                PORT=8080
            EXPOSE 8080
            HEALTHCHECK --interval=5s --timeout=2s CMD test -f /srv/greeting.txt
            USER appuser
            CMD ["sh", "-c", "cat /srv/greeting.txt"]
            """;
    /** Logs rotate at 3/4 of 1 MiB here, so a RUN step's output spans rotations. */
    private static final Map<String, String> SMALL_LOGS = Map.of("GANTRY_CONTAINERS_LOG_MAX_BYTES", "1048576");
    private static Path root;
    private static GantryProcess g;
    private static Path ctx;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("gantry-e2e-");
        g = GantryProcess.startAt(root, SMALL_LOGS);
        NetworksIT.ok(g.docker("load", "-i", TestImages.busybox().toString()));
        ctx = Files.createTempDirectory("gantry-build-");
        Files.createDirectories(ctx.resolve("app"));
        Files.writeString(ctx.resolve("app/hello.txt"), "hello\n");
        Files.writeString(ctx.resolve("secret.txt"), "not for the image\n");
        Files.writeString(ctx.resolve(".dockerignore"), "secret.txt\n");
        Files.writeString(ctx.resolve("Dockerfile"), DOCKERFILE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (g != null) {
            g.close();
        }
        dev.gantry.rest.TempRoots.deleteTree(ctx);
    }

    private static GantryProcess.Result build(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(GantryProcess.dockerCli(), "build"));
        cmd.addAll(List.of(args));
        return GantryProcess.run(cmd, Map.of("DOCKER_HOST", "unix://" + g.socket, "DOCKER_BUILDKIT", "0"));
    }

    private static String id(String image) throws Exception {
        return NetworksIT.ok(g.docker("inspect", "-f", "{{.Id}}", image)).strip();
    }

    @Test
    void multiStageImageRunsAsItsUserWithCacheAndHistory() throws Exception {
        String first = NetworksIT.ok(build("-t", "demo:1", "--build-arg", "GREETING=hey", ctx.toString()));
        assertTrue(first.contains("Step 1/15 : FROM ${BASE} AS builder") && first.contains("Successfully tagged demo:1"), first);
        assertEquals("hey from the builder", NetworksIT.ok(g.docker("run", "--rm", "demo:1")).strip());
        String inside = NetworksIT.ok(g.docker("run", "--rm", "demo:1", "sh", "-c",
                "id -un; pwd; echo $MODE:$PORT; cat /home/appuser/hello.txt; stat -c %U /home/appuser/hello.txt; ls /srv/app"));
        assertEquals(List.of("appuser", "/srv", "prod:8080", "hello", "appuser", "hello.txt"), inside.lines().toList());
        String config = NetworksIT.ok(g.docker("inspect", "-f",
                "{{json .Config.Healthcheck.Test}} {{json .Config.ExposedPorts}} {{index .Config.Labels \"org.example.name\"}}", "demo:1"));
        assertEquals("[\"CMD-SHELL\",\"test -f /srv/greeting.txt\"] {\"8080/tcp\":{}} demo app", config.strip());
        // nothing changed: every step from the cache, the same image
        String again = NetworksIT.ok(build("-t", "demo:1", "--build-arg", "GREETING=hey", ctx.toString()));
        assertEquals(13, again.lines().filter(l -> l.contains("Using cache")).count(), again);
        assertEquals(id("demo:1"), id("demo:1"));
        String before = id("demo:1");
        NetworksIT.ok(build("-t", "demo:2", "--build-arg", "GREETING=hey", ctx.toString()));
        assertEquals(before, id("demo:2"));
        // history lists the steps with what made them
        String history = NetworksIT.ok(g.docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", "demo:1"));
        assertTrue(history.contains("USER appuser") && history.contains("adduser -D appuser")
                && history.contains("COPY --chown=appuser:appuser file:"), history);
        // one copied file changed: the builder's COPY and everything after it run again, the steps before do not
        Files.writeString(ctx.resolve("app/hello.txt"), "changed\n");
        String changed = NetworksIT.ok(build("-t", "demo:3", "--build-arg", "GREETING=hey", ctx.toString()));
        List<String> lines = changed.lines().toList();
        int copyStep = indexOf(lines, "Step 4/15 : COPY app/ /out/app/");
        assertTrue(lines.get(copyStep + 1).contains("Running in"), changed);
        assertTrue(lines.get(indexOf(lines, "Step 3/15") + 1).contains("Using cache"), changed);
        assertTrue(lines.get(indexOf(lines, "Step 9/15") + 1).contains("Running in"), changed);
        assertFalse(before.equals(id("demo:3")));
        assertEquals("changed", NetworksIT.ok(g.docker("run", "--rm", "demo:3", "cat", "/home/appuser/hello.txt")).strip());
        Files.writeString(ctx.resolve("app/hello.txt"), "hello\n");
        // --no-cache: nothing from the cache
        String fresh = NetworksIT.ok(build("--no-cache", "-t", "demo:4", "--build-arg", "GREETING=hey", ctx.toString()));
        assertFalse(fresh.contains("Using cache"), fresh);
        // no build container is left, and step images only show with -a
        assertEquals("", NetworksIT.ok(g.docker("ps", "-aq")).strip());
        assertTrue(NetworksIT.ok(g.docker("images", "-q")).lines().count() < NetworksIT.ok(g.docker("images", "-aq")).lines().count());
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError(prefix + " not in " + lines);
    }

    @Test
    void optionsTargetFileIgnoreAndBuildArgs() throws Exception {
        String target = NetworksIT.ok(build("--target", "builder", "-t", "stage:1", ctx.toString()));
        assertTrue(target.contains("Step 4/4 :") && !target.contains("adduser"), target);
        assertEquals("hello from the builder", NetworksIT.ok(g.docker("run", "--rm", "stage:1", "cat", "/out/greeting.txt")).strip());
        Path other = ctx.resolve("other.Dockerfile");
        Files.writeString(other, """
                FROM busybox
                ARG FLAVOUR=plain
                ENV FLAVOUR=$FLAVOUR
                COPY . /ctx/
                RUN echo "flavour $FLAVOUR" > /flavour
                """);
        NetworksIT.ok(build("-f", other.toString(), "--build-arg", "FLAVOUR=spicy", "-t", "other:1", ctx.toString()));
        assertEquals("flavour spicy", NetworksIT.ok(g.docker("run", "--rm", "other:1", "cat", "/flavour")).strip());
        String files = NetworksIT.ok(g.docker("run", "--rm", "other:1", "ls", "-a", "/ctx"));
        assertTrue(files.contains("app") && !files.contains("secret.txt"), ".dockerignore keeps secret.txt out: " + files);
        // ADD unpacks a local tar archive; --label lands on the image; a URL nobody answers fails cleanly
        Path addDir = Files.createTempDirectory("gantry-build-add-");
        try {
            Files.createDirectories(addDir.resolve("payload/sub"));
            Files.writeString(addDir.resolve("payload/sub/inner.txt"), "inner\n");
            NetworksIT.ok(GantryProcess.run(List.of("tar", "-czf", addDir.resolve("bundle.tar.gz").toString(), "-C",
                    addDir.resolve("payload").toString(), "sub"), Map.of()));
            Files.writeString(addDir.resolve("Dockerfile"), "FROM busybox\nADD bundle.tar.gz /opt/\nCOPY --chmod=700 Dockerfile /opt/df\n");
            NetworksIT.ok(build("--label", "team=builds", "-t", "add:1", addDir.toString()));
            assertEquals("inner 700", NetworksIT.ok(g.docker("run", "--rm", "add:1", "sh", "-c",
                    "echo $(cat /opt/sub/inner.txt) $(stat -c %a /opt/df)")).strip());
            assertEquals("builds", NetworksIT.ok(g.docker("inspect", "-f", "{{index .Config.Labels \"team\"}}", "add:1")).strip());
            Files.writeString(addDir.resolve("Dockerfile"), "FROM busybox\nADD http://127.0.0.1:9/nothing.txt /x\n");
            var url = build(addDir.toString());
            assertTrue(url.code() != 0 && url.out().contains("ADD failed: cannot fetch http://127.0.0.1:9/nothing.txt"), url.out());
            // a Dockerfile outside the context (the CLI sends it inside a tar that stops without end blocks), and
            // RUN under the build's network mode and memory limit
            Path outside = addDir.resolve("outside.Dockerfile");
            Files.writeString(outside, "FROM busybox\nCOPY hello.txt /\n"
                    + "RUN echo $(cat /hello.txt) $(cat /sys/fs/cgroup/memory/memory.limit_in_bytes) $(ls /sys/class/net) > /facts\n");
            NetworksIT.ok(build("-f", outside.toString(), "--network", "none", "-m", "64m", "-t", "outside:1",
                    ctx.resolve("app").toString()));
            assertEquals("hello 67108864 lo", NetworksIT.ok(g.docker("run", "--rm", "outside:1", "cat", "/facts")).strip());
        } finally {
            dev.gantry.rest.TempRoots.deleteTree(addDir);
        }
        String metrics = g.curl("/metrics").out();
        assertTrue(metrics.contains("gantry_build_steps_total") && metrics.contains("cache=\"miss\""), metrics);
    }

    @Test
    void failingRunReportsOutputAndCodeAndLeavesNothing() throws Exception {
        Path dir = Files.createTempDirectory("gantry-build-fail-");
        try {
            Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUN echo about to fail && exit 7\n");
            long layersBefore = NetworksIT.ok(g.docker("images", "-aq")).lines().count();
            var r = build(dir.toString());
            assertEquals(7, r.code(), r.out());
            assertTrue(r.out().contains("about to fail"), r.out());
            assertTrue(r.out().contains("The command '/bin/sh -c echo about to fail && exit 7' returned a non-zero code: 7"), r.out());
            assertEquals("", NetworksIT.ok(g.docker("ps", "-aq")).strip());
            assertEquals(layersBefore, NetworksIT.ok(g.docker("images", "-aq")).lines().count());
            Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nBOGUS x\n");
            var bad = build(dir.toString());
            assertTrue(bad.code() != 0 && bad.out().contains("line 2: unknown instruction: BOGUS"), bad.out());
        } finally {
            dev.gantry.rest.TempRoots.deleteTree(dir);
        }
    }

    @Test
    void aRunStepsOutputIsWholeAcrossLogRotations() throws Exception {
        Path dir = Files.createTempDirectory("gantry-build-chatty-");
        try {
            // about 13 MB of log records over three seconds: the build container's log rotates many times
            Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\n"
                    + "RUN for i in $(seq 0 29); do seq $((i*10000+1)) $((i*10000+10000)); sleep 0.1; done\n");
            String out = NetworksIT.ok(build("--no-cache", dir.toString()));
            List<String> numbers = out.lines().filter(l -> l.matches("[0-9]+")).toList();
            assertEquals(300_000, numbers.size(), "lines of output: " + numbers.size());
            assertEquals("1", numbers.getFirst());
            assertEquals("300000", numbers.getLast());
            for (int i = 0; i < numbers.size(); i++) {
                if (!numbers.get(i).equals(Integer.toString(i + 1))) {
                    assertEquals(Integer.toString(i + 1), numbers.get(i), "line " + (i + 1) + " out of order");
                }
            }
        } finally {
            dev.gantry.rest.TempRoots.deleteTree(dir);
        }
    }

    @Test
    void cacheSurvivesARestartAndPruneClearsIt() throws Exception {
        Path dir = Files.createTempDirectory("gantry-build-restart-");
        try {
            Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUN echo layer > /layer\nCMD [\"cat\", \"/layer\"]\n");
            NetworksIT.ok(build("-t", "restart:1", dir.toString()));
            String before = id("restart:1");
            g.terminate();
            g = GantryProcess.startAt(root, SMALL_LOGS);
            String again = NetworksIT.ok(build("-t", "restart:1", dir.toString()));
            assertEquals(2, again.lines().filter(l -> l.contains("Using cache")).count(), again);
            assertEquals(before, id("restart:1"));
            NetworksIT.ok(g.docker("builder", "prune", "-f"));
            String afterPrune = NetworksIT.ok(build("-t", "restart:2", dir.toString()));
            assertFalse(afterPrune.contains("Using cache"), afterPrune);
        } finally {
            dev.gantry.rest.TempRoots.deleteTree(dir);
        }
    }

    @Test
    void cacheFromAnImageThatCameWithoutItsBuildCache() throws Exception {
        Path dir = Files.createTempDirectory("gantry-build-cachefrom-");
        Path saved = dir.resolve("saved.tar");
        try {
            Files.writeString(dir.resolve("Dockerfile"), """
                    FROM busybox
                    ENV X=1
                    RUN echo built > /built
                    COPY a.txt /a.txt
                    RUN cat /a.txt /built > /both
                    CMD ["cat", "/both"]
                    """);
            Files.writeString(dir.resolve(".dockerignore"), "saved.tar\n");
            Files.writeString(dir.resolve("a.txt"), "one\n");
            NetworksIT.ok(build("-t", "cachesrc:1", dir.toString()));
            String source = id("cachesrc:1");
            // as on another machine: the image arrives by save/load, and no build cache knows its steps
            NetworksIT.ok(g.docker("save", "-o", saved.toString(), "cachesrc:1"));
            NetworksIT.ok(g.docker("rmi", "cachesrc:1"));
            NetworksIT.ok(g.docker("builder", "prune", "-af"));
            NetworksIT.ok(g.docker("load", "-i", saved.toString()));

            String hit = NetworksIT.ok(build("--cache-from", "cachesrc:1", "-t", "cachesrc:2", dir.toString()));
            assertEquals(5, hit.lines().filter(l -> l.contains("Using cache")).count(), hit);
            assertFalse(hit.contains("Running in"), hit);
            assertEquals(source, id("cachesrc:2"));
            assertEquals("one\nbuilt\n", NetworksIT.ok(g.docker("run", "--rm", "cachesrc:2")));

            NetworksIT.ok(g.docker("builder", "prune", "-af"));
            Files.writeString(dir.resolve("a.txt"), "two\n");
            String partly = NetworksIT.ok(build("--cache-from", "cachesrc:1", "-t", "cachesrc:3", dir.toString()));
            assertEquals(2, partly.lines().filter(l -> l.contains("Using cache")).count(), partly);
            assertEquals("two\nbuilt\n", NetworksIT.ok(g.docker("run", "--rm", "cachesrc:3")));

            NetworksIT.ok(g.docker("builder", "prune", "-af"));
            String without = NetworksIT.ok(build("-t", "cachesrc:4", dir.toString()));
            assertFalse(without.contains("Using cache"), without);
            NetworksIT.ok(g.docker("rmi", "cachesrc:1", "cachesrc:2", "cachesrc:3", "cachesrc:4"));
        } finally {
            dev.gantry.rest.TempRoots.deleteTree(dir);
        }
    }

    @Test
    void pullFetchesTheBaseFromItsRegistryAndSaysSoInTheStream() throws Exception {
        LocalRegistry registry = LocalRegistry.start();
        Path dir = Files.createTempDirectory("gantry-build-pull-");
        String base = registry.host() + "/gantry-it/base:1";
        try {
            NetworksIT.ok(g.docker("tag", "busybox", base));
            NetworksIT.ok(g.docker("push", base));
            NetworksIT.ok(g.docker("rmi", base));
            Files.writeString(dir.resolve("Dockerfile"), "FROM " + base + "\nRUN echo pulled > /p\n");
            String out = NetworksIT.ok(build("--pull", "-t", "pulled:1", dir.toString()));
            assertTrue(out.contains("1: Pulling from gantry-it/base") && out.contains("Status: "), out);
            assertEquals(id("busybox"), id(base));
            assertEquals("pulled", NetworksIT.ok(g.docker("run", "--rm", "pulled:1", "cat", "/p")).strip());
            NetworksIT.ok(g.docker("rmi", "pulled:1", base));
        } finally {
            registry.close();
            dev.gantry.rest.TempRoots.deleteTree(dir);
        }
    }
}
