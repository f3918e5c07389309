package dev.gantry.core.container.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.EngineException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityOptsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static SecurityOpts parse(String... opts) {
        return SecurityOpts.parse(List.of(opts), JSON);
    }

    static void refused(EngineException.Kind kind, String message, String... opts) {
        EngineException e = assertThrows(EngineException.class, () -> parse(opts));
        assertEquals(kind, e.kind());
        assertEquals(message, e.getMessage());
    }

    @Test
    void unknownOptionsAreRefusedWithDockerdsWordsAndStatus() {
        refused(EngineException.Kind.FAILED, "invalid --security-opt 2: \"foo=bar\"", "foo=bar");
        refused(EngineException.Kind.FAILED, "invalid --security-opt 1: \"foo\"", "foo");
        refused(EngineException.Kind.FAILED, "invalid --security-opt 2: \"no-new-privileges=maybe\"", "no-new-privileges=maybe");
    }

    @Test
    void knownOptionsAreRead() {
        assertTrue(parse("no-new-privileges").noNewPrivileges());
        assertTrue(parse("no-new-privileges=true").noNewPrivileges());
        assertTrue(parse("no-new-privileges:true").noNewPrivileges());
        assertFalse(parse("no-new-privileges", "no-new-privileges=false").noNewPrivileges());
        assertTrue(parse("seccomp=unconfined").seccompUnconfined());
        assertTrue(parse("seccomp:unconfined").seccomp(false, Set.of()).isEmpty());
        assertTrue(parse("seccomp=builtin", "label=disable", "apparmor=unconfined", "disable").userSeccomp().isEmpty());
        assertTrue(parse().seccomp(true, Set.of()).isEmpty(), "privileged containers run unconfined");
        assertEquals("SCMP_ACT_ERRNO", parse().seccomp(false, Set.of()).orElseThrow().path("defaultAction").asText());
    }

    @Test
    void aUserProfileResolvesForTheContainer() {
        String profile = """
                {"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86_64"],
                 "syscalls":[{"name":"mkdir","action":"SCMP_ACT_ERRNO","errnoRet":13},
                             {"names":["mount"],"action":"SCMP_ACT_ERRNO","excludes":{"caps":["CAP_SYS_ADMIN"]}},
                             {"names":["chroot"],"action":"SCMP_ACT_ERRNO","includes":{"minKernel":"99.0"}}]}""";
        SeccompProfile p = parse("seccomp=" + profile).userSeccomp().orElseThrow();
        JsonNode plain = p.resolve(Set.of(), "amd64", new int[] {6, 1});
        assertEquals("SCMP_ACT_ALLOW", plain.path("defaultAction").asText());
        assertEquals(List.of("SCMP_ARCH_X86_64"), DefaultSeccompTest.strings(plain.path("architectures")));
        assertEquals(2, plain.path("syscalls").size());
        assertEquals("mkdir", plain.path("syscalls").get(0).path("names").get(0).asText());
        assertEquals(13, plain.path("syscalls").get(0).path("errnoRet").asInt());
        assertEquals(1, p.resolve(Set.of("CAP_SYS_ADMIN"), "amd64", new int[] {6, 1}).path("syscalls").size());
    }

    @Test
    void badProfilesAreRefused() {
        assertThrows(EngineException.class, () -> parse("seccomp={bad"));
        refused(EngineException.Kind.INVALID, "Decoding seccomp profile failed: use either 'architectures' or 'archMap'",
                "seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\",\"architectures\":[\"SCMP_ARCH_X86_64\"],"
                        + "\"archMap\":[{\"architecture\":\"SCMP_ARCH_X86_64\"}]}");
        refused(EngineException.Kind.INVALID, "Decoding seccomp profile failed: use either 'name' or 'names'",
                "seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"name\":\"a\",\"names\":[\"b\"],"
                        + "\"action\":\"SCMP_ACT_ERRNO\"}]}");
        refused(EngineException.Kind.INVALID, "Decoding seccomp profile failed: 'defaultAction' is required", "seccomp={}");
    }
}
