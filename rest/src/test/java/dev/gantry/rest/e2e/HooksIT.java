package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JavaScript hooks end to end: {@code scripts/gantry serve --hooks-dir DIR} driven by the docker CLI, with the
 * examples of {@code examples/hooks/} installed one test at a time (one engine for the class; each test removes
 * its files).
 */
class HooksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = GantryProcess.TOP.resolve("examples/hooks");
    private static GantryProcess gantry;
    private static Path hooks;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createTempDirectory("gantry-e2e-hooks-");
        hooks = root.resolve("my-hooks");
        Files.createDirectories(hooks);
        gantry = GantryProcess.startAt(root, "--hooks-dir", hooks.toString());
        ok(gantry.docker("load", "-i", TestImages.dir().resolve("busybox.tar").toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        gantry.close();
    }

    @AfterEach
    void clean() throws Exception {
        try (var files = Files.list(hooks)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        reload();
        gantry.removeContainers();
    }

    static String ok(GantryProcess.Result r) {
        assertEquals(0, r.code(), r.out());
        return r.out();
    }

    static JsonNode reload() throws Exception {
        return JSON.readTree(ok(gantry.curl("/gantry/v1/hooks/reload", "-X", "POST", "-m", "120")));
    }

    static JsonNode list() throws Exception {
        return JSON.readTree(ok(gantry.curl("/gantry/v1/hooks")));
    }

    static JsonNode hook(String name) throws Exception {
        for (JsonNode h : list()) {
            if (h.path("Name").asText().equals(name)) {
                return h;
            }
        }
        return JSON.nullNode();
    }

    /** Copies an example (with its text changed by {@code edit}) into the hooks directory and loads it at once. */
    static void install(String example, String from, String to) throws Exception {
        String text = Files.readString(EXAMPLES.resolve(example + ".js"));
        if (from != null) {
            assertTrue(text.contains(from), example + " has no '" + from + "'");
            text = text.replace(from, to);
        }
        Files.writeString(hooks.resolve(example + ".js"), text);
        reload();
        assertEquals("active", hook(example).path("State").asText(), hook(example).toString());
    }

    static void install(String example) throws Exception {
        install(example, null, null);
    }

    static void write(String name, String text) throws Exception {
        Files.writeString(hooks.resolve(name + ".js"), text);
    }

    static GantryProcess.Result run(String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        return gantry.docker(all);
    }

    static boolean await(long millis, Check c) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (c.ok()) {
                return true;
            }
            Thread.sleep(100);
        }
        return c.ok();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static JsonNode dryRun(String hook, String body) throws Exception {
        return JSON.readTree(ok(gantry.curl("/gantry/v1/hooks/" + hook + "/dry-run", "-X", "POST",
                "-H", "Content-Type: application/json", "-d", body)));
    }

    static JsonNode inspect(String name) throws Exception {
        return JSON.readTree(ok(gantry.docker("inspect", name))).get(0);
    }

    static boolean exists(String name) throws Exception {
        return gantry.docker("inspect", name).code() == 0;
    }

    @Test
    void denyPrivilegedExitsWith125AndTheMessage() throws Exception {
        install("deny-privileged");
        GantryProcess.Result denied = run("--rm", "--privileged", "busybox", "true");
        assertEquals(125, denied.code(), denied.out());
        assertTrue(denied.out().contains("denied by hook deny-privileged: privileged containers are not allowed here"),
                denied.out());
        ok(run("--rm", "busybox", "true"));
        JsonNode h = hook("deny-privileged");
        assertEquals(1, h.path("Counts").path("deny").asInt(), h.toString());
        assertEquals(1, h.path("Counts").path("allow").asInt(), h.toString());
        assertEquals("[\"beforeCreate\"]", h.path("Events").toString());
        assertEquals("closed", h.path("Failure").asText());
        assertEquals(50, h.path("TimeoutMillis").asInt());
        assertTrue(h.path("P50Micros").isNumber() && h.path("P99Micros").isNumber(), h.toString());
        assertTrue(h.path("Error").isNull() && h.path("Schedule").isNull() && h.path("LastError").isNull(), h.toString());
        // the hook's events, as docker events shows them
        String events = ok(gantry.docker("events", "--since", "0", "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
                "--filter", "type=hook", "--format", "{{.Type}} {{.Action}} {{.Actor.ID}} {{.Actor.Attributes.reason}}"));
        assertTrue(events.contains("hook load deny-privileged"), events);
        assertTrue(events.contains("hook deny deny-privileged privileged containers are not allowed here"), events);
        // metrics
        String metrics = ok(gantry.curl("/metrics"));
        assertTrue(metrics.contains("gantry_hook_calls_total{event=\"beforeCreate\",hook=\"deny-privileged\",outcome=\"deny\"} 1.0"), metrics);
        assertTrue(metrics.contains("gantry_hook_duration_seconds_count{event=\"beforeCreate\",hook=\"deny-privileged\"}"), metrics);
    }

    @Test
    void aDefaultMemoryLimitIsSetAndReachesTheCgroup() throws Exception {
        install("default-memory");
        ok(run("-d", "--name", "mem-default", "busybox", "sleep", "60"));
        JsonNode c = inspect("mem-default");
        assertEquals(128L * 1024 * 1024, c.path("HostConfig").path("Memory").asLong(), c.path("HostConfig").toString());
        long pid = c.path("State").path("Pid").asLong();
        String cgroup = Files.readAllLines(Path.of("/proc/" + pid + "/cgroup")).stream()
                .filter(l -> l.matches("\\d+:([^:]*,)?memory(,[^:]*)?:.*")).findFirst().orElseThrow();
        Path limit = Path.of("/sys/fs/cgroup/memory" + cgroup.substring(cgroup.lastIndexOf(':') + 1), "memory.limit_in_bytes");
        assertEquals(Long.toString(128L * 1024 * 1024), Files.readString(limit).trim(), limit.toString());
        // a limit the user gives stays
        ok(run("-d", "--name", "mem-given", "-m", "64m", "busybox", "sleep", "60"));
        assertEquals(64L * 1024 * 1024, inspect("mem-given").path("HostConfig").path("Memory").asLong());
    }

    @Test
    void anEditTakesEffectWithoutRestartAndABrokenEditKeepsTheOldVersion() throws Exception {
        write("edit", "export function beforeCreate(req) { return {deny: 'first'}; }\n");
        reload();
        assertTrue(run("--rm", "busybox", "true").out().contains("denied by hook edit: first"));
        long t0 = System.nanoTime();
        write("edit", "export function beforeCreate(req) { return {deny: 'second version'}; }\n");
        // no reload: the directory is watched
        assertTrue(await(10_000, () -> run("--rm", "busybox", "true").out().contains("denied by hook edit: second version")));
        System.out.printf("HooksIT: an edit took effect after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        write("edit", "export function beforeCreate(req) {\n  const x = 1;\n  return {deny: 'third' +;\n}\n");
        assertTrue(await(10_000, () -> hook("edit").path("State").asText().equals("error")), list().toString());
        JsonNode h = hook("edit");
        assertEquals(3, h.path("Error").path("Line").asInt(), h.toString());
        assertTrue(h.path("Error").path("Message").asText().startsWith("SyntaxError"), h.toString());
        assertTrue(run("--rm", "busybox", "true").out().contains("denied by hook edit: second version"));
        String events = ok(gantry.docker("events", "--since", "0", "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
                "--filter", "type=hook", "--filter", "event=error", "--format", "{{.Actor.ID}} line {{.Actor.Attributes.line}}"));
        assertTrue(events.contains("edit line 3"), events);
        Files.delete(hooks.resolve("edit.js"));
        assertTrue(await(10_000, () -> run("--rm", "busybox", "true").code() == 0));
    }

    @Test
    void anEndlessLoopIsStoppedAtItsLimit() throws Exception {
        write("loop", "export function beforeCreate(req) { while (true) {} }\n");
        reload();
        GantryProcess.Result denied = run("--rm", "busybox", "true");
        assertEquals(125, denied.code(), denied.out());
        assertTrue(denied.out().contains("denied by hook loop: timed out after 50ms"), denied.out());
        write("loop", "export const failure = 'open';\nexport function beforeCreate(req) { while (true) {} }\n");
        reload();
        ok(run("--rm", "busybox", "true"));
        ok(run("--rm", "busybox", "true"));
        JsonNode h = hook("loop");
        assertEquals(3, h.path("Counts").path("timeout").asInt(), h.toString());
        assertTrue(h.path("LastError").asText().contains("timed out"), h.toString());
        Files.delete(hooks.resolve("loop.js"));
        reload();
        ok(run("--rm", "busybox", "true"));
        ok(gantry.docker("version"));
    }

    @Test
    void readingAFileOrLoadingAJavaClassFailsWithTheSandboxError() throws Exception {
        write("file", "export function beforeCreate(req) { load('/etc/passwd'); }\n");
        reload();
        GantryProcess.Result file = run("--rm", "busybox", "true");
        assertEquals(125, file.code(), file.out());
        assertTrue(file.out().contains("denied by hook file: hook failed: Error: Operation is not allowed for: /etc/passwd"), file.out());
        Files.delete(hooks.resolve("file.js"));
        write("java", "export function beforeCreate(req) { Java.type('java.lang.Runtime').getRuntime().exec('id'); }\n");
        reload();
        GantryProcess.Result java = run("--rm", "busybox", "true");
        assertEquals(125, java.code(), java.out());
        assertTrue(java.out().contains("Access to host class java.lang.Runtime is not allowed"), java.out());
    }

    @Test
    void anAfterExitObserverRemovesExitedCiContainers() throws Exception {
        install("ci-cleanup", "const KEEP = \"10m\";", "const KEEP = \"0s\";");
        ok(run("-d", "--name", "ci-job", "--label", "ci=true", "busybox", "true"));
        ok(run("-d", "--name", "not-ci", "busybox", "true"));
        assertTrue(await(30_000, () -> !exists("ci-job")), "ci-job is still there");
        assertTrue(exists("not-ci"));
        assertTrue(hook("ci-cleanup").path("Counts").path("allow").asInt() >= 2, hook("ci-cleanup").toString());
    }

    @Test
    void aScheduleStopsContainersPastTheirTtl() throws Exception {
        install("ttl-stop", "\"@every 1m\"", "\"@every 1s\"");
        ok(run("-d", "--name", "short-lived", "--label", "ttl=2s", "busybox", "sleep", "600"));
        ok(run("-d", "--name", "long-lived", "--label", "ttl=1h", "busybox", "sleep", "600"));
        assertTrue(await(40_000, () -> !inspect("short-lived").path("State").path("Running").asBoolean()),
                "short-lived still runs: " + list());
        assertTrue(inspect("long-lived").path("State").path("Running").asBoolean());
        assertEquals("@every 1s", hook("ttl-stop").path("Schedule").asText());
    }

    @Test
    void ownerLabelAndRegistriesAreRequired() throws Exception {
        install("require-owner");
        GantryProcess.Result denied = run("--rm", "busybox", "true");
        assertEquals(125, denied.code(), denied.out());
        assertTrue(denied.out().contains("denied by hook require-owner: containers need an owner label"), denied.out());
        ok(run("--rm", "--label", "owner=alice", "busybox", "true"));
        Files.delete(hooks.resolve("require-owner.js"));
        install("allowed-registries");
        ok(run("--rm", "busybox", "true"));
        // a loopback registry that is not on the list: refused before any connection
        GantryProcess.Result pull = gantry.docker("pull", "127.0.0.2:5999/busybox");
        assertTrue(pull.code() != 0 && pull.out().contains("denied by hook allowed-registries: images from 127.0.0.2:5999 are not allowed"),
                pull.out());
        GantryProcess.Result create = run("--rm", "127.0.0.2:5999/busybox", "true");
        assertEquals(125, create.code(), create.out());
        assertTrue(create.out().contains("images from 127.0.0.2:5999 are not allowed"), create.out());
    }

    @Test
    void aDryRunDecidesWithoutCreatingAnything() throws Exception {
        install("deny-privileged");
        install("ci-cleanup");
        ok(run("--name", "ci-done", "--label", "ci=true", "busybox", "true"));
        int before = JSON.readTree(ok(gantry.curl("/containers/json?all=1"))).size();
        JsonNode deny = dryRun("deny-privileged", "{\"event\":\"beforeCreate\",\"payload\":{\"Image\":\"busybox\",\"HostConfig\":{\"Privileged\":true}}}");
        assertEquals("deny", deny.path("Decision").asText(), deny.toString());
        assertEquals("privileged containers are not allowed here", deny.path("Reason").asText());
        JsonNode allow = dryRun("deny-privileged", "{\"event\":\"beforeCreate\",\"payload\":{\"Image\":\"busybox\"}}");
        assertEquals("allow", allow.path("Decision").asText(), allow.toString());
        String id = inspect("ci-done").path("Id").asText();
        JsonNode sweep = dryRun("ci-cleanup", "{\"event\":\"afterExit\",\"payload\":[{\"Id\":\"" + id
                + "\",\"Name\":\"/ci-done\",\"Config\":{\"Labels\":{\"ci\":\"true\"}}},{\"exitCode\":0}]}");
        assertEquals("allow", sweep.path("Decision").asText(), sweep.toString());
        assertEquals("[]", sweep.path("Calls").toString(), "KEEP is 10m: nothing at exit");
        JsonNode scheduled = dryRun("ci-cleanup", "{\"event\":\"onSchedule\"}");
        assertEquals("[]", scheduled.path("Calls").toString(), "exited just now: kept for 10m");
        assertEquals(before, JSON.readTree(ok(gantry.curl("/containers/json?all=1"))).size());
        assertTrue(exists("ci-done"));
        // the recording: with KEEP 0s the same event would remove it; the dry run says so and does not
        write("ci-cleanup", Files.readString(EXAMPLES.resolve("ci-cleanup.js")).replace("const KEEP = \"10m\";", "const KEEP = \"0s\";"));
        reload();
        JsonNode would = dryRun("ci-cleanup", "{\"event\":\"onSchedule\"}");
        assertEquals("[{\"Method\":\"gantry.containers.remove\",\"Args\":[\"" + id + "\",{\"v\":true}]}]",
                would.path("Calls").toString(), would.toString());
        assertTrue(exists("ci-done"));
        GantryProcess.Result missing = gantry.curl("/gantry/v1/hooks/nope/dry-run", "-X", "POST", "-w", "%{http_code}",
                "-H", "Content-Type: application/json", "-d", "{\"event\":\"beforeCreate\"}");
        assertTrue(missing.out().endsWith("404"), missing.out());
    }

    @Test
    void hookSpansAreChildrenOfTheCreateSpan() throws Exception {
        install("deny-privileged");
        ok(run("--rm", "busybox", "true"));
        JsonNode traces = JSON.readTree(ok(gantry.curl("/gantry/v1/traces")));
        boolean found = false;
        for (JsonNode t : traces) {
            JsonNode spans = JSON.readTree(ok(gantry.curl("/gantry/v1/traces/" + t.path("TraceId").asText()))).path("Spans");
            for (JsonNode s : spans) {
                if (!s.path("Name").asText().equals("hook.beforeCreate")) {
                    continue;
                }
                Predicate<JsonNode> parent = p -> p.path("SpanId").asText().equals(s.path("ParentSpanId").asText());
                JsonNode p = null;
                for (JsonNode x : spans) {
                    if (parent.test(x)) {
                        p = x;
                    }
                }
                assertTrue(p != null && p.path("Name").asText().contains("containers/create"), spans.toString());
                assertEquals("deny-privileged.js", s.path("Attributes").path("hook.file").asText(), s.toString());
                // earlier tests' runs are in the store too: denied ones among them
                assertTrue(Set.of("allow", "deny").contains(s.path("Attributes").path("hook.outcome").asText()), s.toString());
                assertTrue(s.path("Attributes").has("hook.duration_us"), s.toString());
                found = true;
            }
        }
        assertTrue(found, "no hook.beforeCreate span in " + traces);
        assertFalse(gantry.log().contains("sun.misc.Unsafe"), "the runtime's warnings reach the log");
    }
}
