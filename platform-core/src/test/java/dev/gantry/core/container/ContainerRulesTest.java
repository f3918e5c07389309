package dev.gantry.core.container;

import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.container.config.RestartPolicy;
import dev.gantry.core.container.store.HostConfigDocument;
import dev.gantry.core.container.store.ContainerConfigDocument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules Docker users rely on, without a kernel: signals, sizes, config merging, capabilities, policies, health. */
class ContainerRulesTest {
    private static JsonNode json(String s) throws Exception {
        return ContainerStore.JSON.readTree(s);
    }

    @Test
    void signalsInEveryForm() {
        assertEquals(15, Signals.parse("SIGTERM"));
        assertEquals(15, Signals.parse("term"));
        assertEquals(9, Signals.parse("9"));
        assertEquals(9, Signals.parse(""));
        assertEquals(35, Signals.parse("SIGRTMIN+1"));
        assertThrows(EngineException.class, () -> Signals.parse("SIGNOPE"));
        assertThrows(EngineException.class, () -> Signals.parse("99"));
    }

    @Test
    void sizesAreBinary() {
        assertEquals(64L << 20, Sizes.parse("64m"));
        assertEquals(1536L << 20, Sizes.parse("1.5g"));
        assertEquals(10L << 10, Sizes.parse("10kb"));
        assertEquals(512, Sizes.parse("512"));
        assertThrows(EngineException.class, () -> Sizes.parse("lots"));
    }

    private static ObjectNode merge(JsonNode user, JsonNode image) {
        return ContainerConfigDocument.write(CreateConfig.merge(ContainerConfigDocument.read(user),
                ContainerConfigDocument.read(image), "abc"));
    }

    @Test
    void createConfigMergesOverTheImage() throws Exception {
        JsonNode image = json("""
                {"Env":["PATH=/bin","A=image"],"Cmd":["sh"],"Entrypoint":null,"WorkingDir":"/srv","User":"app",
                 "Labels":{"from":"image"},"Volumes":{"/data":{}},"StopSignal":"SIGQUIT"}""");
        ObjectNode c = merge(json("{\"Env\":[\"A=user\",\"B=1\"],\"Labels\":{\"mine\":\"x\"}}"), image);
        // Docker's order: the request's entries, then the image's the request does not name
        assertEquals("[\"A=user\",\"B=1\",\"PATH=/bin\"]", c.get("Env").toString());
        // an entry without '=' is kept as given, and hides the image's entry of that name
        ObjectNode bare = merge(json("{\"Env\":[\"FOO\",\"PATH\"]}"), image);
        assertEquals("[\"FOO\",\"PATH\",\"A=image\"]", bare.get("Env").toString());
        assertEquals("[\"sh\"]", c.get("Cmd").toString());
        assertEquals("/srv", c.get("WorkingDir").asText());
        assertEquals("app", c.get("User").asText());
        assertEquals("abc", c.get("Hostname").asText());
        assertEquals("image", c.path("Labels").path("from").asText());
        assertEquals("x", c.path("Labels").path("mine").asText());
        assertTrue(c.path("Volumes").has("/data"));
        assertEquals("SIGQUIT", c.get("StopSignal").asText());
        // a user entrypoint drops the image's command, as in Docker
        ObjectNode e = merge(json("{\"Entrypoint\":[\"echo\"]}"), image);
        assertTrue(e.get("Cmd").isNull());
    }

    @Test
    void processEnvironmentUnsetsBareNames() {
        var defaults = new java.util.LinkedHashMap<String, String>();
        defaults.put("PATH", "/bin");
        defaults.put("HOSTNAME", "h");
        assertEquals(List.of("HOSTNAME=h", "A=1"), EnvVars.apply(defaults, List.of("PATH", "FOO", "A=1")));
        assertEquals(List.of("PATH=/usr/bin", "HOSTNAME=h"), EnvVars.apply(defaults, List.of("PATH=/usr/bin")));
    }

    @Test
    void capabilitiesFollowDockersRules() {
        assertEquals(14, Capabilities.DEFAULT.size());
        List<String> dropped = Capabilities.effective(List.of(), List.of("ALL"));
        assertTrue(dropped.isEmpty());
        List<String> some = Capabilities.effective(List.of("NET_ADMIN"), List.of("chown"));
        assertTrue(some.contains("CAP_NET_ADMIN") || !Capabilities.bounding().contains("CAP_NET_ADMIN"));
        assertFalse(some.contains("CAP_CHOWN"));
        assertThrows(EngineException.class, () -> Capabilities.effective(List.of("NOT_A_CAP"), List.of()));
        // the bounding set is read from the status file: a missing capability stays missing
        assertFalse(Capabilities.readBounding(writeStatus("CapBnd:\t000001fffeffffff\n")).contains("CAP_SYS_RESOURCE"));
    }

    private static java.nio.file.Path writeStatus(String content) {
        try {
            java.nio.file.Path p = java.nio.file.Files.createTempFile("status", "");
            java.nio.file.Files.writeString(p, content);
            p.toFile().deleteOnExit();
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void restartPolicies() throws Exception {
        RestartPolicy onFailure = policy("{\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":2}}");
        assertTrue(onFailure.restartsAfter(1, 0, false));
        assertTrue(onFailure.restartsAfter(1, 1, false));
        assertFalse(onFailure.restartsAfter(1, 2, false));
        assertFalse(onFailure.restartsAfter(0, 0, false));
        RestartPolicy always = policy("{\"RestartPolicy\":{\"Name\":\"always\"}}");
        assertTrue(always.restartsAfter(0, 0, false));
        assertFalse(always.restartsAfter(0, 0, true));
        assertThrows(EngineException.class, () -> always.validate(true));
        assertThrows(EngineException.class, () -> policy("{\"RestartPolicy\":{\"Name\":\"sometimes\"}}").validate(false));
        assertEquals("no", policy("{}").nameOrNo());
        assertEquals(100, RestartPolicy.delayMs(1));
        assertEquals(200, RestartPolicy.delayMs(2));
        assertEquals(60_000, RestartPolicy.delayMs(50));
    }

    @Test
    void healthNeedsRetriesToTurnUnhealthy() {
        Health h = Health.starting();
        Health.Probe fail = new Health.Probe(Instant.now(), Instant.now(), 1, "no");
        Health.Probe pass = new Health.Probe(Instant.now(), Instant.now(), 0, "");
        h = h.after(fail, 2, false);
        assertEquals(Health.STARTING, h.status());
        h = h.after(fail, 2, false);
        assertEquals(Health.UNHEALTHY, h.status());
        h = h.after(pass, 2, false);
        assertEquals(Health.HEALTHY, h.status());
        assertEquals(0, h.failingStreak());
        // failures in the start period do not count
        assertEquals(Health.STARTING, Health.starting().after(fail, 1, true).status());
        for (int i = 0; i < 7; i++) {
            h = h.after(pass, 2, false);
        }
        assertEquals(5, h.log().size());
    }

    @Test
    void resourcesAreCheckedAndTranslated() throws Exception {
        HostConfig given = host("{\"Memory\":67108864,\"NanoCpus\":500000000,\"PidsLimit\":50}");
        HostConfig hc = given.withResources(Resources.defaultSwap(given.resources()));
        JsonNode oci = Resources.toOci(hc, false);
        assertEquals(67108864, oci.path("memory").path("limit").asLong());
        assertEquals(134217728, oci.path("memory").path("swap").asLong());
        assertEquals(50000, oci.path("cpu").path("quota").asLong());
        assertEquals(100000, oci.path("cpu").path("period").asLong());
        assertEquals(50, oci.path("pids").path("limit").asLong());
        assertFalse(oci.path("devices").get(0).path("allow").asBoolean());
        assertThrows(EngineException.class, () -> Resources.validate(host("{\"Memory\":1024}")));
        assertThrows(EngineException.class, () -> Resources.update(hc, HostConfigDocument.update(json("{\"Memory\":268435456}"))));
        assertEquals(268435456, Resources.update(hc, HostConfigDocument.update(json("{\"Memory\":268435456,\"MemorySwap\":-1}")))
                .resources().memory());
    }

    @Test
    void logEntriesAndTails() throws Exception {
        java.nio.file.Path log = java.nio.file.Files.createTempFile("ctr", ".log");
        try {
            java.nio.file.Files.writeString(log, """
                    2026-11-27T21:50:54.180536680+00:00 stdout F one
                    2026-11-27T21:50:54.180650844+00:00 stderr F two
                    2026-11-27T21:50:54.280650844+00:00 stdout P thr
                    2026-11-27T21:50:54.380650844+00:00 stdout F ee
                    2026-11-27T21:50:54.480650844+00:00 stdout F\s
                    2026-11-27T21:50:54.58""");
            List<ContainerLog.Entry> all = ContainerLog.readAll(log);
            assertEquals(5, all.size());
            assertEquals(ContainerLog.STDERR, all.get(1).stream());
            assertEquals("thr", new String(all.get(2).data()));
            assertEquals("ee\n", new String(all.get(3).data()));
            assertEquals("\n", new String(all.get(4).data()));
            List<ContainerLog.Entry> tail = ContainerLog.tail(all, 2);
            assertEquals(3, tail.size());
            assertEquals("thr", new String(tail.getFirst().data()));
        } finally {
            java.nio.file.Files.deleteIfExists(log);
        }
    }

    @Test
    void namesFollowDockersRule() {
        ContainerStore.checkName("web-1.a_b");
        assertThrows(EngineException.class, () -> ContainerStore.checkName("bad/name"));
        assertThrows(EngineException.class, () -> ContainerStore.checkName("-x"));
    }

    private static HostConfig host(String json) throws Exception {
        return HostConfigDocument.read(json(json));
    }

    private static RestartPolicy policy(String json) throws Exception {
        return host(json).restartPolicy();
    }
}
