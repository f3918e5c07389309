package dev.gantry.core.container.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefaultSeccompTest {
    /** Docker's 14 default capabilities. */
    static final Set<String> DEFAULT_CAPS = Set.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
    static final int[] KERNEL = {6, 1};

    static ObjectNode resolve(Set<String> caps, String arch) {
        return DefaultSeccomp.profile().resolve(caps, arch, KERNEL);
    }

    static Set<String> with(String... more) {
        Set<String> caps = new HashSet<>(DEFAULT_CAPS);
        caps.addAll(List.of(more));
        return caps;
    }

    /** Names an ALLOW rule without argument filters opens. */
    static Set<String> openedOutright(JsonNode profile) {
        Set<String> out = new HashSet<>();
        for (JsonNode r : profile.path("syscalls")) {
            if (r.path("action").asText().equals("SCMP_ACT_ALLOW") && r.path("args").isEmpty()) {
                r.path("names").forEach(n -> out.add(n.asText()));
            }
        }
        return out;
    }

    static List<JsonNode> rulesFor(JsonNode profile, String name) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : profile.path("syscalls")) {
            r.path("names").forEach(n -> {
                if (n.asText().equals(name)) {
                    out.add(r);
                }
            });
        }
        return out;
    }

    @Test
    void everyNameIsListedOnceAndNoneIsBothOpenAndGated() {
        List<String> always = DefaultSeccomp.alwaysNames().toList();
        assertEquals(always.size(), new HashSet<>(always).size(), "duplicate names in the always-open groups");
        for (List<String> gated : DefaultSeccomp.BY_CAPABILITY.values()) {
            assertEquals(gated.size(), new HashSet<>(gated).size());
            gated.forEach(n -> assertFalse(always.contains(n), n + " is both always open and gated"));
        }
    }

    @Test
    void deniesByDefaultWithEpermOnBothArchitectures() {
        ObjectNode amd64 = resolve(DEFAULT_CAPS, "amd64");
        assertEquals("SCMP_ACT_ERRNO", amd64.path("defaultAction").asText());
        assertEquals(1, amd64.path("defaultErrnoRet").asInt());
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), strings(amd64.path("architectures")));
        assertTrue(openedOutright(amd64).contains("arch_prctl"));
        assertFalse(openedOutright(amd64).contains("set_tls"));
        ObjectNode arm64 = resolve(DEFAULT_CAPS, "arm64");
        assertEquals(List.of("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"), strings(arm64.path("architectures")));
        assertTrue(openedOutright(arm64).contains("set_tls"));
        assertFalse(openedOutright(arm64).contains("arch_prctl"));
    }

    @Test
    void aDefaultContainerCannotReachPastItself() {
        Set<String> open = openedOutright(resolve(DEFAULT_CAPS, "amd64"));
        assertTrue(open.containsAll(List.of("read", "write", "pipe", "pipe2", "execve", "futex", "mkdir", "chroot", "ptrace")));
        for (String closed : List.of("unshare", "setns", "mount", "umount2", "fsopen", "fsmount", "move_mount",
                "open_tree", "mount_setattr", "io_uring_setup", "io_uring_enter", "io_uring_register", "syslog",
                "keyctl", "add_key", "bpf", "perf_event_open", "clock_settime", "settimeofday", "init_module",
                "kexec_load", "reboot", "open_by_handle_at", "userfaultfd", "pivot_root", "clone", "clone3",
                "personality", "socket")) {
            assertFalse(open.contains(closed), closed + " is open to a default container");
        }
    }

    @Test
    void cloneWithoutNamespacesAndClone3FallsBack() {
        ObjectNode p = resolve(DEFAULT_CAPS, "amd64");
        List<JsonNode> clone = rulesFor(p, "clone");
        assertEquals(1, clone.size());
        JsonNode arg = clone.get(0).path("args").get(0);
        assertEquals("SCMP_CMP_MASKED_EQ", arg.path("op").asText());
        assertEquals(0x7E020000L, arg.path("value").asLong());
        assertEquals(0, arg.path("valueTwo").asLong());
        List<JsonNode> clone3 = rulesFor(p, "clone3");
        assertEquals(1, clone3.size());
        assertEquals("SCMP_ACT_ERRNO", clone3.get(0).path("action").asText());
        assertEquals(38, clone3.get(0).path("errnoRet").asInt());
    }

    @Test
    void personalityAndSocketAreFilteredByArgument() {
        ObjectNode p = resolve(DEFAULT_CAPS, "amd64");
        Set<Long> personas = new HashSet<>();
        rulesFor(p, "personality").forEach(r -> {
            assertEquals("SCMP_CMP_EQ", r.path("args").get(0).path("op").asText());
            personas.add(r.path("args").get(0).path("value").asLong());
        });
        assertEquals(Set.of(0L, 8L, 0x20000L, 0x20008L, 0xffffffffL), personas);
        List<JsonNode> socket = rulesFor(p, "socket");
        assertEquals(1, socket.size());
        assertEquals("SCMP_CMP_NE", socket.get(0).path("args").get(0).path("op").asText());
        assertEquals(40, socket.get(0).path("args").get(0).path("value").asLong());
    }

    @Test
    void capabilitiesOpenWhatDockerOpens() {
        ObjectNode admin = resolve(with("CAP_SYS_ADMIN"), "amd64");
        Set<String> open = openedOutright(admin);
        assertTrue(open.containsAll(List.of("mount", "umount2", "unshare", "setns", "clone", "clone3", "fsopen")), open.toString());
        assertTrue(rulesFor(admin, "clone3").stream().noneMatch(r -> r.path("action").asText().equals("SCMP_ACT_ERRNO")));
        assertTrue(rulesFor(admin, "clone").stream().allMatch(r -> r.path("args").isEmpty()));
        assertFalse(open.contains("clock_settime"));

        assertTrue(openedOutright(resolve(with("CAP_SYS_TIME"), "amd64"))
                .containsAll(List.of("clock_settime", "settimeofday", "stime", "clock_settime64")));
        assertTrue(openedOutright(resolve(with("CAP_SYS_PTRACE"), "amd64")).contains("kcmp"));
        assertTrue(openedOutright(resolve(with("CAP_SYS_MODULE"), "amd64")).contains("finit_module"));
        assertTrue(openedOutright(resolve(with("CAP_SYSLOG"), "amd64")).contains("syslog"));
        assertTrue(openedOutright(resolve(with("CAP_BPF"), "amd64")).contains("bpf"));
        assertTrue(openedOutright(resolve(with("CAP_DAC_READ_SEARCH"), "amd64")).contains("open_by_handle_at"));

        Set<String> dropped = new HashSet<>(DEFAULT_CAPS);
        dropped.remove("CAP_SYS_CHROOT");
        assertFalse(openedOutright(resolve(dropped, "amd64")).contains("chroot"));
    }

    static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
