package dev.gantry.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.event.EventFilter;
import dev.gantry.core.state.Documents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hooks on a real polyglot engine, with a recording stand-in for the container engine. One Hooks for the class. */
class HooksTest {
    @TempDir
    static Path dir;
    static Hooks hooks;
    static final List<String> engineCalls = new CopyOnWriteArrayList<>();
    static final List<Event> published = new CopyOnWriteArrayList<>();
    static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        EventBus bus = new EventBus(100);
        bus.subscribe(-1, EventFilter.ALL, published::add);
        hooks = new Hooks(dir, new FakeEngine(engineCalls), bus, OpenTelemetry.noop().getTracer("t"), meters);
        hooks.start();
    }

    @AfterAll
    static void stop() {
        hooks.close();
    }

    static JsonNode json(String s) {
        try {
            return Documents.MAPPER.readTree(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name + ".js"), text);
        hooks.reload();
    }

    static void remove(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name + ".js"));
        hooks.reload();
    }

    @Test
    void noFilesMeansNoRuntimeAndAllow() {
        // runs first by name order is not guaranteed: only check that an event nobody handles is allowed untouched
        JsonNode req = json("{\"Image\":\"busybox\"}");
        PolicyDecision d = hooks.policy(HookEvent.BEFORE_PUSH, List.of(req));
        assertTrue(d.allowed());
        assertEquals(req, d.payload());
    }

    @Test
    void chainRunsInNameOrderFirstDenialWinsChangesPass() throws IOException {
        write("c10-mem", """
                export function beforeCreate(req) {
                  req.HostConfig = req.HostConfig ?? {};
                  if (!req.HostConfig.Memory) req.HostConfig.Memory = 64 * 1024 * 1024;
                  return req;
                }""");
        write("c20-check", """
                export function beforeCreate(req) {
                  if (req.HostConfig.Memory !== 67108864) return {deny: 'memory not set before me'};
                  if (req.HostConfig.Privileged) return {deny: 'no privileged containers'};
                }""");
        try {
            PolicyDecision ok = hooks.policy(HookEvent.BEFORE_CREATE, List.of(json("{\"Image\":\"busybox\"}")));
            assertTrue(ok.allowed(), ok.toString());
            assertEquals(67108864, ok.payload().path("HostConfig").path("Memory").asLong());
            PolicyDecision no = hooks.policy(HookEvent.BEFORE_CREATE,
                    List.of(json("{\"Image\":\"busybox\",\"HostConfig\":{\"Privileged\":true}}")));
            assertEquals("denied by hook c20-check: no privileged containers", no.denial().orElseThrow());
            assertTrue(published.stream().anyMatch(e -> e.type().equals("hook") && e.action().equals("deny")
                    && e.actorId().equals("c20-check") && e.attributes().get("reason").equals("no privileged containers")));
            HookView v = hooks.view("c10-mem").orElseThrow();
            assertEquals(2L, v.counts().get(Outcome.CHANGE));
            assertTrue(v.p50Micros().isPresent());
            assertEquals(1.0, meters.counter("gantry.hook.calls", "hook", "c20-check", "event", "beforeCreate",
                    "outcome", "deny").count());
        } finally {
            remove("c10-mem");
            remove("c20-check");
        }
    }

    @Test
    void endlessLoopIsStoppedAndFailureDecides() throws IOException {
        write("loop-closed", "export function beforeStart(c) { while (true) {} }");
        try {
            PolicyDecision d = hooks.policy(HookEvent.BEFORE_START, List.of(json("{}")));
            assertTrue(d.denial().orElseThrow().startsWith("denied by hook loop-closed: timed out after 50ms"), d.toString());
            write("loop-closed", "export const failure = 'open';\nexport const timeout = '100ms';\n"
                    + "let n = 0;\nexport function beforeStart(c) { if (n++ === 0) while (true) {} }");
            assertTrue(hooks.policy(HookEvent.BEFORE_START, List.of(json("{}"))).allowed());
            // the context survived the interrupt: the next call runs normally
            assertTrue(hooks.policy(HookEvent.BEFORE_START, List.of(json("{}"))).allowed());
            HookView v = hooks.view("loop-closed").orElseThrow();
            assertEquals(2L, v.counts().get(Outcome.TIMEOUT));
            assertEquals(1L, v.counts().get(Outcome.ALLOW));
            assertEquals(100, v.timeoutMillis());
            assertTrue(v.failOpen());
        } finally {
            remove("loop-closed");
        }
    }

    @Test
    void brokenEditKeepsThePreviousVersionAndShowsTheLine() throws IOException {
        write("edit", "export function beforePull(ref) { return {deny: 'v1'}; }");
        try {
            write("edit", "export function beforePull(ref) {\n  return {deny: 'v2'\n}\n");
            HookView v = hooks.view("edit").orElseThrow();
            assertFalse(v.active());
            assertTrue(v.error().orElseThrow().startsWith("SyntaxError"), v.toString());
            assertEquals(4, v.errorLine());
            assertEquals("denied by hook edit: v1", hooks.policy(HookEvent.BEFORE_PULL, List.of(json("{}"))).denial().orElseThrow());
            assertTrue(published.stream().anyMatch(e -> e.type().equals("hook") && e.action().equals("error")
                    && e.actorId().equals("edit") && e.attributes().get("line").equals("4")));
            write("edit", "export function beforePull(ref) { return {deny: 'v3 ' + ref.name}; }");
            assertEquals("denied by hook edit: v3 r", hooks.policy(HookEvent.BEFORE_PULL, List.of(json("{\"name\":\"r\"}"))).denial().orElseThrow());
            assertTrue(hooks.view("edit").orElseThrow().active());
        } finally {
            remove("edit");
        }
    }

    @Test
    void theSandboxRefusesHostAccess() throws IOException {
        write("java", "export function beforeExec(c, e) { return {deny: String(Java.type('java.lang.Runtime'))}; }");
        write("zfile", "export function beforeExec(c, e) { load('/etc/passwd'); }");
        try {
            String java = hooks.policy(HookEvent.BEFORE_EXEC, List.of(json("{}"), json("{}"))).denial().orElseThrow();
            assertTrue(java.contains("Access to host class java.lang.Runtime is not allowed"), java);
            remove("java");
            String file = hooks.policy(HookEvent.BEFORE_EXEC, List.of(json("{}"), json("{}"))).denial().orElseThrow();
            assertTrue(file.contains("Operation is not allowed for: /etc/passwd"), file);
            write("zfile", "import fs from 'fs';\nexport function beforeExec(c, e) {}");
            assertTrue(hooks.view("zfile").orElseThrow().error().orElseThrow().contains("Operation is not allowed for: fs"));
        } finally {
            remove("java");
            remove("zfile");
        }
    }

    @Test
    void policyGantryIsReadOnlyAndObserversAct() throws Exception {
        write("ro", "export function beforeStart(c) { gantry.containers.stop('x'); }");
        write("obs", """
                export function afterExit(ctr, exit) {
                  if (ctr.Config.Labels.ci === 'true' && exit.exitCode === 0) gantry.containers.remove(ctr.Id, {force: true});
                  gantry.log('saw ' + ctr.Id);
                }""");
        try {
            String denial = hooks.policy(HookEvent.BEFORE_START, List.of(json("{}"))).denial().orElseThrow();
            assertTrue(denial.contains("read-only"), denial);
            JsonNode ctr = json("{\"Id\":\"abc\",\"Config\":{\"Labels\":{\"ci\":\"true\"}}}");
            DryRun dry = hooks.dryRun("obs", HookEvent.AFTER_EXIT, List.of(ctr, json("{\"exitCode\":0}")));
            assertEquals("[{\"Method\":\"gantry.containers.remove\",\"Args\":[\"abc\",{\"force\":true}]}]", dry.calls().toString());
            assertTrue(engineCalls.stream().noneMatch(c -> c.startsWith("remove")), engineCalls.toString());
            hooks.observe(HookEvent.AFTER_EXIT, () -> List.of(ctr, json("{\"exitCode\":0}")));
            long deadline = System.currentTimeMillis() + 10_000;
            while (engineCalls.stream().noneMatch(c -> c.startsWith("remove")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of("remove abc {\"force\":true}"), engineCalls.stream().filter(c -> c.startsWith("remove")).toList());
        } finally {
            remove("ro");
            remove("obs");
        }
    }

    @Test
    void schedulesRun() throws Exception {
        write("sched", "export const schedule = '@every 1s';\nexport function onSchedule() { gantry.volumes.prune({}); }");
        try {
            long deadline = System.currentTimeMillis() + 15_000;
            while (engineCalls.stream().noneMatch(c -> c.startsWith("prune")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(engineCalls.stream().anyMatch(c -> c.startsWith("prune")), engineCalls.toString());
            assertEquals("@every 1s", hooks.view("sched").orElseThrow().schedule().orElseThrow());
        } finally {
            remove("sched");
        }
        write("sched2", "export const schedule = '@every 1s';");
        try {
            assertEquals("schedule is set but onSchedule is not exported", hooks.view("sched2").orElseThrow().error().orElseThrow());
        } finally {
            remove("sched2");
        }
    }

    /** Records the writes; answers reads with fixed Docker-shaped JSON. */
    record FakeEngine(List<String> calls) implements EngineAccess {
        @Override
        public JsonNode listContainers(JsonNode options) {
            return JsonNodeFactory.instance.arrayNode();
        }

        @Override
        public JsonNode inspectContainer(String id) {
            return JsonNodeFactory.instance.objectNode().put("Id", id);
        }

        @Override
        public void stopContainer(String id, JsonNode options) {
            calls.add("stop " + id + " " + options);
        }

        @Override
        public void killContainer(String id, JsonNode options) {
            calls.add("kill " + id + " " + options);
        }

        @Override
        public void removeContainer(String id, JsonNode options) {
            calls.add("remove " + id + " " + options);
        }

        @Override
        public JsonNode listImages(JsonNode options) {
            return JsonNodeFactory.instance.arrayNode();
        }

        @Override
        public JsonNode removeImage(String name, JsonNode options) {
            calls.add("rmi " + name);
            return JsonNodeFactory.instance.arrayNode();
        }

        @Override
        public JsonNode listVolumes(JsonNode options) {
            return JsonNodeFactory.instance.objectNode();
        }

        @Override
        public void removeVolume(String name, JsonNode options) {
            calls.add("rmv " + name);
        }

        @Override
        public JsonNode pruneVolumes(JsonNode options) {
            calls.add("prune " + options);
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
