package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.rest.TempRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The container lifecycle with the real docker CLI, runc and conmon: run basics, each command, options. */
class ContainersIT {
    private static GantryProcess gantry;
    private static Path images;

    @BeforeAll
    static void start() throws Exception {
        images = TestImages.dir();
        gantry = GantryProcess.start();
        ok(docker("load", "-i", images.resolve("busybox.tar").toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        gantry.close();
    }

    static GantryProcess.Result docker(String... args) throws Exception {
        return gantry.docker(args);
    }

    static String ok(GantryProcess.Result r) {
        assertEquals(0, r.code(), r.out());
        return r.out();
    }

    // ---- run basics ----

    @Test
    void runPrintsAndRemoves() throws Exception {
        assertEquals("hi\n", ok(docker("run", "--rm", "busybox", "echo", "hi")));
        assertEquals("", ok(docker("ps", "-aq", "--filter", "ancestor=busybox", "--filter", "status=exited")).strip());
    }

    @Test
    void exitCodesComeBack() throws Exception {
        assertEquals(3, docker("run", "--rm", "busybox", "sh", "-c", "exit 3").code());
        var kept = docker("run", "--name", "exit3", "busybox", "sh", "-c", "exit 3");
        assertEquals(3, kept.code(), kept.out());
        assertEquals("3", ok(docker("inspect", "-f", "{{.State.ExitCode}}", "exit3")).strip());
        assertEquals("exited", ok(docker("inspect", "-f", "{{.State.Status}}", "exit3")).strip());
        ok(docker("rm", "exit3"));
    }

    @Test
    void stdinReachesTheProcess() throws Exception {
        var r = gantry.shell("echo x | docker run -i --rm busybox cat");
        assertEquals(0, r.code(), r.out());
        assertEquals("x\n", r.out());
    }

    @Test
    void ttyIsATerminal() throws Exception {
        var r = gantry.shell("script -qec \"docker run -it --rm busybox tty\" /dev/null");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("/dev/pts/"), r.out());
    }

    @Test
    void missingCommandIsDockersError() throws Exception {
        var r = docker("run", "--rm", "busybox", "no-such-binary");
        assertEquals(127, r.code(), r.out());
        assertTrue(r.out().contains("executable file not found"), r.out());
    }

    // ---- each command ----

    @Test
    void detachedLifecycle() throws Exception {
        String id = ok(docker("run", "-d", "--name", "life", "busybox", "sh", "-c",
                "trap 'exit 0' TERM; i=0; while true; do echo line $i; i=$((i+1)); sleep 0.1; done")).strip();
        assertEquals(64, id.length(), id);
        assertTrue(ok(docker("ps")).contains("life"));
        waitForLog("life", "line 3");
        assertTrue(ok(docker("logs", "life")).contains("line 0\n"));
        // -f follows: new lines keep arriving until the timeout ends the client
        var follow = gantry.shell("timeout 1 docker logs -f --tail 1 life | wc -l");
        assertTrue(Integer.parseInt(follow.out().strip()) > 3, follow.out());
        assertEquals("from-exec\n", ok(docker("exec", "life", "echo", "from-exec")));
        assertEquals(5, docker("exec", "life", "sh", "-c", "exit 5").code());
        assertEquals("hello\n", gantry.shell("echo hello | docker exec -i life cat").out());
        var tty = gantry.shell("script -qec \"docker exec -it life tty\" /dev/null");
        assertTrue(tty.out().contains("/dev/pts/"), tty.out());
        assertEquals("running", inspect("life", "{{.State.Status}}"));
        assertEquals("false", inspect("life", "{{.State.Paused}}"));
        ok(docker("pause", "life"));
        assertEquals("paused", inspect("life", "{{.State.Status}}"));
        assertTrue(ok(docker("ps", "--filter", "name=life")).contains("(Paused)"));
        ok(docker("unpause", "life"));
        assertEquals("running", inspect("life", "{{.State.Status}}"));
        ok(docker("rename", "life", "life2"));
        ok(docker("stop", "life2"));
        assertEquals("exited", inspect("life2", "{{.State.Status}}"));
        assertEquals("0", inspect("life2", "{{.State.ExitCode}}"));
        ok(docker("start", "life2"));
        assertEquals("running", inspect("life2", "{{.State.Status}}"));
        String pid = inspect("life2", "{{.State.Pid}}");
        ok(docker("restart", "-t", "1", "life2"));
        assertNotEquals(pid, inspect("life2", "{{.State.Pid}}"));
        ok(docker("kill", "life2"));
        assertEquals("137", ok(docker("wait", "life2")).strip());
        ok(docker("start", "life2"));
        ok(docker("rm", "-f", "life2"));
        assertFalse(ok(docker("ps", "-a")).contains("life2"));
        // exec sessions leave nothing under the run root either
        for (String dir : List.of("execs", "sock")) {
            Path p = gantry.root.resolve("run").resolve(dir);
            if (Files.isDirectory(p)) {
                try (var s = Files.list(p)) {
                    assertEquals(List.of(), s.toList(), dir);
                }
            }
        }
    }

    @Test
    void errorsAreDockers() throws Exception {
        var missing = docker("start", "no-such-container");
        assertNotEquals(0, missing.code());
        assertTrue(missing.out().contains("No such container: no-such-container"), missing.out());
        ok(docker("run", "-d", "--name", "busy", "busybox", "sleep", "30"));
        var dup = docker("create", "--name", "busy", "busybox", "true");
        assertTrue(dup.out().contains("is already in use"), dup.out());
        var rm = docker("rm", "busy");
        assertTrue(rm.out().contains("container is running"), rm.out());
        var rmi = docker("rmi", "busybox");
        assertTrue(rmi.out().contains("is using its referenced image"), rmi.out());
        ok(docker("rm", "-f", "busy"));
        var badName = docker("create", "--name", "bad/name", "busybox", "true");
        assertTrue(badName.out().contains("Invalid container name"), badName.out());
    }

    @Test
    void pruneRemovesStoppedOnly() throws Exception {
        ok(docker("create", "--name", "pr1", "busybox", "true"));
        ok(docker("run", "-d", "--name", "pr2", "busybox", "sleep", "30"));
        String out = ok(docker("container", "prune", "-f"));
        assertTrue(out.contains(ok(docker("ps", "-aq", "--no-trunc", "--filter", "name=pr2")).strip()) == false, out);
        assertFalse(ok(docker("ps", "-a")).contains("pr1"));
        assertTrue(ok(docker("ps", "-a")).contains("pr2"));
        ok(docker("rm", "-f", "pr2"));
    }

    @Test
    void inspectionAndFileCommands() throws Exception {
        ok(docker("run", "-d", "--name", "files", "busybox", "sh", "-c", "echo hello > /tmp/new; rm /bin/true; sleep 300"));
        waitForFile("files", "/tmp/new");
        String top = ok(docker("top", "files"));
        assertTrue(top.contains("PID") && top.contains("sleep 300"), top);
        String stats = ok(docker("stats", "--no-stream", "--format", "{{.MemUsage}}", "files")).strip();
        assertFalse(stats.startsWith("0B"), stats);
        var sample = new com.fasterxml.jackson.databind.ObjectMapper().readTree(gantry.curl("/containers/files/stats?stream=0").out());
        assertTrue(sample.path("memory_stats").path("usage").asLong() > 0, sample.toString());
        assertTrue(sample.path("cpu_stats").path("cpu_usage").path("total_usage").asLong() > 0, sample.toString());
        assertEquals(1, sample.path("pids_stats").path("current").asInt(), sample.toString());
        ok(docker("update", "--memory", "100m", "files"));
        assertEquals("104857600", ok(docker("exec", "files", "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes")).strip());
        assertEquals("104857600", inspect("files", "{{.HostConfig.Memory}}"));
        String diff = ok(docker("diff", "files"));
        assertTrue(diff.contains("A /tmp/new") && diff.contains("D /bin/true") && diff.contains("C /tmp"), diff);
        Path dir = Files.createTempDirectory("gantry-cp-");
        try {
            Files.writeString(dir.resolve("in.txt"), "content\n");
            ok(docker("cp", dir.resolve("in.txt").toString(), "files:/tmp/"));
            assertEquals("content\n", ok(docker("exec", "files", "cat", "/tmp/in.txt")));
            ok(docker("cp", "files:/tmp/new", dir.resolve("out.txt").toString()));
            assertEquals("hello\n", Files.readString(dir.resolve("out.txt")));
            var missing = docker("cp", "files:/no/such", dir.resolve("x").toString());
            assertTrue(missing.out().contains("Could not find the file /no/such in container"), missing.out());
            ok(docker("export", "-o", dir.resolve("export.tar").toString(), "files"));
            String listing = ok(GantryProcess.run(List.of("tar", "tf", dir.resolve("export.tar").toString()), Map.of()));
            assertTrue(listing.contains("tmp/new") && listing.contains("bin/sh") && !listing.contains("bin/true\n"), listing);
        } finally {
            TempRoots.deleteTree(dir);
        }
        String imageId = ok(docker("commit", "-c", "ENV COMMITTED=yes", "files", "committed:1")).strip();
        assertTrue(imageId.startsWith("sha256:"), imageId);
        assertEquals("hello yes", ok(docker("run", "--rm", "committed:1", "sh", "-c", "echo $(cat /tmp/new) $COMMITTED")).strip());
        assertNotEquals(0, docker("run", "--rm", "committed:1", "ls", "/bin/true").code());
        ok(docker("rm", "-f", "files"));
        ok(docker("rmi", "committed:1"));
    }

    @Test
    void healthCheckTurnsHealthy() throws Exception {
        ok(docker("run", "-d", "--name", "healthy", "--health-cmd", "true", "--health-interval", "1s", "busybox", "sleep", "300"));
        ok(docker("run", "-d", "--name", "sick", "--health-cmd", "false", "--health-interval", "1s", "--health-retries", "2",
                "busybox", "sleep", "300"));
        awaitInspect("healthy", "{{.State.Health.Status}}", "healthy");
        awaitInspect("sick", "{{.State.Health.Status}}", "unhealthy");
        assertTrue(ok(docker("ps", "--filter", "name=healthy")).contains("(healthy)"));
        String events = ok(docker("events", "--since", "0", "--until", "0s", "--filter", "container=healthy",
                "--format", "{{.Action}}"));
        assertTrue(events.contains("health_status: healthy"), events);
        ok(docker("rm", "-f", "healthy", "sick"));
    }

    @Test
    void volumesAndMounts() throws Exception {
        ok(docker("volume", "create", "--label", "kept=yes", "keep"));
        ok(docker("run", "--name", "writer", "-v", "keep:/data", "busybox", "sh", "-c", "echo persisted > /data/f"));
        ok(docker("rm", "writer"));
        assertEquals("persisted", ok(docker("run", "--rm", "-v", "keep:/data", "busybox", "cat", "/data/f")).strip());
        Path host = Files.createTempDirectory("gantry-bind-");
        try {
            ok(docker("run", "--rm", "-v", host + ":/b", "busybox", "sh", "-c", "echo from-container > /b/x"));
            assertEquals("from-container\n", Files.readString(host.resolve("x")));
            ok(docker("run", "--rm", "--mount", "type=bind,source=" + host + ",target=/b,readonly", "busybox", "cat", "/b/x"));
            assertNotEquals(0, docker("run", "--rm", "-v", host + ":/b:ro", "busybox", "touch", "/b/y").code());
        } finally {
            TempRoots.deleteTree(host);
        }
        // a new volume over an image directory starts with that directory's files
        assertTrue(ok(docker("run", "--rm", "-v", "fresh:/bin", "busybox", "ls", "/bin")).contains("busybox"));
        assertTrue(ok(docker("run", "--rm", "--mount", "type=tmpfs,target=/t", "busybox", "sh", "-c", "grep ' /t ' /proc/mounts")).contains("tmpfs"));
        String ls = ok(docker("volume", "ls", "--format", "{{.Name}}"));
        assertTrue(ls.contains("keep") && ls.contains("fresh"), ls);
        assertEquals("yes", ok(docker("volume", "inspect", "-f", "{{.Labels.kept}}", "keep")).strip());
        ok(docker("run", "--name", "anon", "-v", "/anon", "busybox", "true"));
        String anonName = ok(docker("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", "anon")).strip();
        assertTrue(ok(docker("volume", "ls", "-q")).contains(anonName));
        ok(docker("rm", "-v", "anon"));
        assertFalse(ok(docker("volume", "ls", "-q")).contains(anonName));
        ok(docker("run", "-d", "--name", "user", "-v", "keep:/data", "busybox", "sleep", "30"));
        var inUse = docker("volume", "rm", "keep");
        assertTrue(inUse.out().contains("volume is in use"), inUse.out());
        ok(docker("rm", "-f", "user"));
        ok(docker("volume", "rm", "fresh"));
        ok(docker("volume", "prune", "-af"));
        assertEquals("", ok(docker("volume", "ls", "-q")).strip());
    }

    @Test
    void logsRotateAtMaxSize() throws Exception {
        ok(docker("run", "-d", "--name", "chatty", "--log-opt", "max-size=20k", "--log-opt", "max-file=2", "busybox", "sh", "-c",
                "i=0; while [ $i -lt 600 ]; do echo line-$i-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx;"
                        + " i=$((i+1)); [ $((i % 15)) = 0 ] && sleep 0.1; done; echo done; sleep 300"));
        Path log = Path.of(inspect("chatty", "{{.LogPath}}"));
        waitForLog("chatty", "done");
        long end = System.currentTimeMillis() + 10_000;
        while (!Files.exists(log.resolveSibling(log.getFileName() + ".1")) && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(log.resolveSibling(log.getFileName() + ".1")), "rotated file");
        assertFalse(Files.exists(log.resolveSibling(log.getFileName() + ".2")), "max-file=2 keeps one rotated file");
        long total = Files.size(log) + Files.size(log.resolveSibling(log.getFileName() + ".1"));
        assertTrue(total <= 2 * 20 * 1024 + 4096, "log files take " + total + " bytes");
        String logs = ok(docker("logs", "--tail", "1", "chatty"));
        assertEquals("done\n", logs);
        ok(docker("rm", "-f", "chatty"));
    }

    @Test
    void logsKeepEveryLineOfAWriterFasterThanTheRotation() throws Exception {
        // ~15 MB of log lines in well under one rotation sweep: conmon's own cap must not throw any away, and an
        // attached client a rotation or more behind reads every file, also when --rm removes the container
        assertEveryNumber(ok(docker("run", "--name", "burst", "--log-opt", "max-size=1m", "--log-opt", "max-file=100",
                "busybox", "seq", "1", "300000")));
        assertEveryNumber(ok(docker("logs", "burst")));
        ok(docker("rm", "-f", "burst"));
        assertEveryNumber(ok(docker("run", "--rm", "--log-opt", "max-size=1m", "--log-opt", "max-file=100",
                "busybox", "seq", "1", "300000")));
        // and with few files kept: the reader holds the files ahead of it, so a rotation deleting them loses nothing
        for (int i = 0; i < 2; i++) {
            assertEveryNumber(ok(docker("run", "--rm", "--log-opt", "max-size=1m", "--log-opt", "max-file=2",
                    "busybox", "seq", "1", "300000")));
        }
    }

    /**
     * ~150 MB with the default log options: past conmon's own cap (84 MiB), which replaces the live file on its own
     * count; the replaced file, still under its second name, is read in its place.
     */
    @Test
    void logsKeepEveryLinePastConmonsOwnCap() throws Exception {
        assertEveryNumber(ok(docker("run", "--rm", "busybox", "seq", "1", "3000000")), 3000000);
    }

    private static void assertEveryNumber(String out) {
        assertEveryNumber(out, 300000);
    }

    private static void assertEveryNumber(String out, int n) {
        String[] lines = out.split("\n");
        assertEquals(n, lines.length);
        assertEquals("1", lines[0]);
        assertEquals(Integer.toString(n), lines[lines.length - 1]);
    }

    @Test
    void detachKeysLeaveTheContainerRunning() throws Exception {
        ok(docker("run", "-dit", "--name", "detach", "busybox", "sh"));
        var plain = gantry.shell("(sleep 1; printf '\\020\\021') | script -qec \"docker attach detach\" /dev/null");
        assertTrue(plain.out().contains("read escape sequence"), plain.out());
        assertEquals("running", inspect("detach", "{{.State.Status}}"));
        var custom = gantry.shell("(sleep 1; printf '\\001a') | script -qec \"docker attach --detach-keys ctrl-a,a detach\" /dev/null");
        assertTrue(custom.out().contains("read escape sequence"), custom.out());
        assertEquals("running", inspect("detach", "{{.State.Status}}"));
        // the keys from the CLI's config, for attach and for exec; a detached exec goes on running, as in dockerd
        Path config = Files.createTempDirectory("gantry-cli-config-");
        try {
            Files.writeString(config.resolve("config.json"), "{\"detachKeys\": \"ctrl-x,x\"}");
            var attach = gantry.shell("(sleep 1; printf '\\030x') | script -qec \"docker --config " + config
                    + " attach detach\" /dev/null");
            assertTrue(attach.out().contains("read escape sequence"), attach.out());
            var exec = gantry.shell("(sleep 1; printf '\\030x') | script -qec \"docker --config " + config
                    + " exec -it detach sh -c 'sleep 123'\" /dev/null");
            assertTrue(exec.out().contains("read escape sequence"), exec.out());
            assertTrue(ok(docker("exec", "detach", "ps")).contains("sleep 123"), "the detached exec still runs");
        } finally {
            TempRoots.deleteTree(config);
        }
        ok(docker("rm", "-f", "detach"));
    }

    @Test
    void copyIntoAContainerOwnsFilesByItsRootUnlessAsked() throws Exception {
        ok(docker("run", "-d", "--name", "owners", "busybox", "sleep", "300"));
        Path dir = Files.createTempDirectory("gantry-cp-");
        try {
            Path f = Files.writeString(dir.resolve("owned.txt"), "hi\n");
            Files.setAttribute(f, "unix:uid", 4321);
            Files.setAttribute(f, "unix:gid", 4321);
            ok(docker("cp", f.toString(), "owners:/tmp/"));
            assertEquals("0:0", ok(docker("exec", "owners", "stat", "-c", "%u:%g", "/tmp/owned.txt")).strip());
            ok(docker("cp", "-a", f.toString(), "owners:/tmp/kept.txt"));
            assertEquals("4321:4321", ok(docker("exec", "owners", "stat", "-c", "%u:%g", "/tmp/kept.txt")).strip());
        } finally {
            TempRoots.deleteTree(dir);
            ok(docker("rm", "-f", "owners"));
        }
    }

    // ---- options as on Docker ----

    @Test
    void resourceLimitsLandInTheContainersCgroup() throws Exception {
        assertEquals("67108864", ok(docker("run", "--rm", "-m", "64m", "busybox", "cat",
                "/sys/fs/cgroup/memory/memory.limit_in_bytes")).strip());
        assertEquals("50000 100000", ok(docker("run", "--rm", "--cpus", "0.5", "busybox", "sh", "-c",
                "echo $(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us)")).strip());
        assertEquals("50", ok(docker("run", "--rm", "--pids-limit", "50", "busybox", "cat", "/sys/fs/cgroup/pids/pids.max")).strip());
    }

    @Test
    void securityAndProcessOptions() throws Exception {
        assertEquals("ro tmp-ok", ok(docker("run", "--rm", "--read-only", "--tmpfs", "/tmp", "busybox", "sh", "-c",
                "touch /x 2>/dev/null || printf ro; touch /tmp/y && echo ' tmp-ok'")).strip());
        assertEquals("uid=65534(nobody) gid=65534(nogroup)", ok(docker("run", "--rm", "--user", "65534", "busybox", "id")).strip());
        assertEquals("bar", ok(docker("run", "--rm", "-e", "FOO=bar", "busybox", "sh", "-c", "echo $FOO")).strip());
        assertEquals("/work", ok(docker("run", "--rm", "-w", "/work", "busybox", "pwd")).strip());
        String ps = ok(docker("run", "--rm", "--init", "busybox", "ps", "-o", "pid,args"));
        assertTrue(ps.contains("1 /sbin/docker-init -- ps"), ps);
        assertTrue(ok(docker("run", "--rm", "--cap-drop", "ALL", "busybox", "grep", "CapEff", "/proc/self/status"))
                .contains("0000000000000000"));
        String defaults = ok(docker("run", "--rm", "busybox", "grep", "CapEff", "/proc/self/status"));
        assertTrue(defaults.contains("00000000a80425fb"), defaults);
        // privileged gets the host's whole bounding set, even where the host lacks a capability
        String hostBounding = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapBnd:"))
                .findFirst().orElseThrow().substring(7).trim();
        String priv = ok(docker("run", "--rm", "--privileged", "busybox", "sh", "-c",
                "grep CapEff /proc/self/status; mkdir -p /mnt/t && mount -t tmpfs none /mnt/t && echo mounted"));
        assertTrue(priv.contains(hostBounding) && priv.contains("mounted"), priv);
        var unprivileged = docker("run", "--rm", "busybox", "sh", "-c", "mkdir -p /mnt/t && mount -t tmpfs none /mnt/t");
        assertNotEquals(0, unprivileged.code(), unprivileged.out());
        assertEquals("1", ok(docker("run", "--rm", "--security-opt", "no-new-privileges", "busybox", "sh", "-c",
                "grep NoNewPrivs /proc/self/status | tr -dc 0-9")).strip());
        assertEquals("67108864", ok(docker("run", "--rm", "busybox", "sh", "-c", "df -k /dev/shm | tail -1 | awk '{print $2*1024}'")).strip());
        assertEquals("134217728", ok(docker("run", "--rm", "--shm-size", "128m", "busybox", "sh", "-c",
                "df -k /dev/shm | tail -1 | awk '{print $2*1024}'")).strip());
        // a limit above the host's hard limit is capped to it instead of failing the start
        long hostHard = Long.parseLong(Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow().trim().split("\\s+")[4]);
        assertEquals(Long.toString(Math.min(hostHard, 1048576)), ok(docker("run", "--rm", "--ulimit", "nofile=1048576:1048576",
                "busybox", "sh", "-c", "ulimit -Hn")).strip());
        assertEquals("512", ok(docker("run", "--rm", "--ulimit", "nofile=512:512", "busybox", "sh", "-c", "ulimit -n")).strip());
        assertEquals("1", ok(docker("run", "--rm", "--sysctl", "kernel.shm_rmid_forced=1", "busybox",
                "cat", "/proc/sys/kernel/shm_rmid_forced")).strip());
        var hostSysctl = docker("run", "--rm", "--sysctl", "vm.swappiness=1", "busybox", "true");
        assertTrue(hostSysctl.out().contains("not allowed"), hostSysctl.out());
        assertTrue(ok(docker("run", "--rm", "--cap-drop", "ALL", "--cap-add", "NET_ADMIN", "busybox", "grep", "CapEff",
                "/proc/self/status")).contains("0000000000001000"));
        assertEquals("runc", inspectRuntime());
    }

    private static String inspectRuntime() throws Exception {
        String id = ok(docker("create", "--runtime", "runc", "busybox", "true")).strip();
        try {
            var crun = docker("run", "--rm", "--runtime", "no-such-runtime", "busybox", "true");
            assertTrue(crun.out().contains("Unknown runtime specified no-such-runtime"), crun.out());
            return inspect(id, "{{.HostConfig.Runtime}}");
        } finally {
            ok(docker("rm", id));
        }
    }

    // ---- restart policy ----

    @Test
    void onFailureRestartsTwice() throws Exception {
        ok(docker("run", "-d", "--name", "flaky", "--restart", "on-failure:2", "busybox", "sh", "-c", "exit 1"));
        long end = System.currentTimeMillis() + 30_000;
        String state = "";
        while (System.currentTimeMillis() < end) {
            state = inspect("flaky", "{{.State.Status}} {{.RestartCount}}");
            if (state.equals("exited 2")) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("exited 2", state);
        Thread.sleep(1000);
        assertEquals("exited 2", inspect("flaky", "{{.State.Status}} {{.RestartCount}}"));
        ok(docker("rm", "flaky"));
    }

    static String inspect(String name, String format) throws Exception {
        return ok(docker("inspect", "-f", format, name)).strip();
    }

    static void waitForFile(String name, String path) throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            if (docker("exec", name, "test", "-e", path).code() == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " never made " + path);
    }

    static void awaitInspect(String name, String format, String expected) throws Exception {
        long end = System.currentTimeMillis() + 20_000;
        String last = "";
        while (System.currentTimeMillis() < end) {
            last = inspect(name, format);
            if (last.equals(expected)) {
                return;
            }
            Thread.sleep(100);
        }
        assertEquals(expected, last);
    }

    static void waitForLog(String name, String text) throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            if (docker("logs", name).out().contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " never logged " + text);
    }
}
