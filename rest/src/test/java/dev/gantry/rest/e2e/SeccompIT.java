package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seccomp profile from inside real containers (runc, busybox): what a default container may not do, what
 * {@code --cap-add} opens, {@code --security-opt} (unconfined, a profile file, unknown values), and docker info.
 */
class SeccompIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static GantryProcess gantry;

    @BeforeAll
    static void start() throws Exception {
        gantry = GantryProcess.start();
        ok(gantry.docker("load", "-i", TestImages.dir().resolve("busybox.tar").toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        gantry.close();
    }

    static String ok(GantryProcess.Result r) {
        assertEquals(0, r.code(), r.out());
        return r.out();
    }

    static GantryProcess.Result run(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "run";
        all[1] = "--rm";
        System.arraycopy(args, 0, all, 2, args.length);
        return gantry.docker(all);
    }

    @Test
    void aDefaultContainerWorksButCannotMakeNamespacesOrMount() throws Exception {
        String out = ok(run("busybox", "sh", "-c", "ls / | grep -q bin && ps >/dev/null && date >/dev/null && sleep 0.1"
                + " && linux32 true && grep Seccomp: /proc/self/status"
                + "; unshare -U true; echo userns=$?; unshare -m true; echo mountns=$?"
                + "; mkdir -p /tmp/m; mount -t tmpfs none /tmp/m; echo mount=$?"));
        assertTrue(out.contains("Seccomp:\t2"), out);
        // a user namespace needs no capability: only the filter stops it
        assertTrue(out.contains("userns=1"), out);
        assertTrue(out.contains("unshare(0x10000000): Operation not permitted"), out);
        assertTrue(out.contains("mountns=1"), out);
        assertTrue(out.contains("mount=1") && out.contains("mount: permission denied"), out);
    }

    @Test
    void sysAdminOpensMountsAndNamespacesAsDockerDoes() throws Exception {
        String out = ok(run("--cap-add", "SYS_ADMIN", "busybox", "sh", "-c",
                "mkdir /tmp/m && mount -t tmpfs none /tmp/m && umount /tmp/m && unshare -m true && unshare -U true"
                        + " && echo all-ok"));
        assertTrue(out.contains("all-ok"), out);
    }

    @Test
    void capabilitiesGateTheClockAndNamespaceRules() throws Exception {
        JsonNode plain = specOf("busybox");
        JsonNode time = specOf("--cap-add", "SYS_TIME", "busybox");
        assertFalse(opened(plain).contains("clock_settime"));
        assertTrue(opened(time).containsAll(Set.of("clock_settime", "settimeofday")), time.toString());
        assertFalse(opened(time).contains("mount"));
        assertEquals("SCMP_ACT_ERRNO", plain.path("defaultAction").asText());
        assertEquals(1, plain.path("defaultErrnoRet").asInt());
    }

    @Test
    void unconfinedAndPrivilegedRunWithoutAFilter() throws Exception {
        String out = ok(run("--security-opt", "seccomp=unconfined", "busybox", "sh", "-c",
                "grep Seccomp: /proc/self/status; unshare -U true && echo userns-ok"));
        assertTrue(out.contains("Seccomp:\t0") && out.contains("userns-ok"), out);
        String priv = ok(run("--privileged", "busybox", "grep", "Seccomp:", "/proc/self/status"));
        assertTrue(priv.contains("Seccomp:\t0"), priv);
    }

    @Test
    void aProfileFileReplacesTheBuiltInOne() throws Exception {
        Path profile = Files.createTempFile(gantry.root, "deny-mkdir", ".json");
        Files.writeString(profile, """
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]}
                """);
        String out = ok(run("--security-opt", "seccomp=" + profile, "busybox", "sh", "-c",
                "mkdir /x; echo mkdir=$?; unshare -U true; echo userns=$?"));
        assertTrue(out.contains("mkdir=1") && out.contains("Operation not permitted"), out);
        assertTrue(out.contains("userns=0"), out);
    }

    @Test
    void noNewPrivilegesLabelAndApparmorAreAccepted() throws Exception {
        String out = ok(run("--security-opt", "no-new-privileges", "--security-opt", "label=disable",
                "--security-opt", "apparmor=unconfined", "busybox", "grep", "NoNewPrivs:", "/proc/self/status"));
        assertTrue(out.contains("NoNewPrivs:\t1"), out);
    }

    @Test
    void unknownSecurityOptionsAreRefusedAndLeaveNothing() throws Exception {
        String before = ok(gantry.docker("ps", "-aq"));
        var r = gantry.docker("run", "--security-opt", "foo=bar", "busybox", "true");
        assertEquals(125, r.code(), r.out());
        assertTrue(r.out().contains("Error response from daemon: invalid --security-opt 2: \"foo=bar\""), r.out());
        var api = gantry.curl("/containers/create", "-X", "POST", "-H", "Content-Type: application/json", "-w", "%{http_code}",
                "-d", "{\"Image\":\"busybox\",\"HostConfig\":{\"SecurityOpt\":[\"no-new-privileges=maybe\"]}}");
        // dockerd hands this error on unclassified: 500, with its message
        assertTrue(api.out().startsWith("{\"message\":\"invalid --security-opt 2: \\\"no-new-privileges=maybe\\\"\"}")
                && api.out().endsWith("500"), api.out());
        assertEquals(before, ok(gantry.docker("ps", "-aq")));
    }

    @Test
    void infoReportsTheBuiltInProfile() throws Exception {
        String out = ok(gantry.docker("info", "--format", "{{json .SecurityOptions}}")).strip();
        assertEquals("[\"name=seccomp,profile=builtin\"]", out);
    }

    /** The seccomp part of the config.json a running container got. */
    private static JsonNode specOf(String... args) throws Exception {
        String[] all = new String[args.length + 4];
        all[0] = "run";
        all[1] = "-d";
        System.arraycopy(args, 0, all, 2, args.length);
        all[all.length - 2] = "sleep";
        all[all.length - 1] = "60";
        String id = ok(gantry.docker(all)).strip();
        try {
            Path config = gantry.root.resolve("run/containers").resolve(id).resolve("config.json");
            return JSON.readTree(config.toFile()).path("linux").path("seccomp");
        } finally {
            ok(gantry.docker("rm", "-f", id));
        }
    }

    private static Set<String> opened(JsonNode seccomp) {
        assertNotEquals(0, seccomp.path("syscalls").size(), seccomp.toString());
        Set<String> out = new HashSet<>();
        for (JsonNode r : seccomp.path("syscalls")) {
            if (r.path("action").asText().equals("SCMP_ACT_ALLOW") && r.path("args").isEmpty()) {
                r.path("names").forEach(n -> out.add(n.asText()));
            }
        }
        return out;
    }
}
