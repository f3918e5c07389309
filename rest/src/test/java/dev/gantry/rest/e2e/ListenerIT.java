package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.rest.TempRoots;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How Gantry starts, stops and listens: TCP rules, SIGTERM, and a crash's stale socket. */
class ListenerIT {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void plainTcpOnANonLoopbackAddressIsRefused() throws Exception {
        Path root = Files.createTempDirectory("gantry-e2e-");
        try {
            Process p = new ProcessBuilder(GantryProcess.TOP.resolve("scripts/gantry").toString(), "serve",
                    "--socket", root.resolve("g.sock").toString(), "--data-root", root.resolve("data").toString(),
                    "--run-root", root.resolve("run").toString(), "--tcp", "0.0.0.0:" + freePort())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue(), out);
            assertTrue(out.contains("without mutual TLS"), out);
            assertFalse(Files.exists(root.resolve("g.sock")));
        } finally {
            TempRoots.deleteTree(root);
        }
    }

    @Test
    void plainTcpOnLoopbackNeedsTcpInsecure() throws Exception {
        Path root = Files.createTempDirectory("gantry-e2e-");
        try {
            Process p = new ProcessBuilder(GantryProcess.TOP.resolve("scripts/gantry").toString(), "serve",
                    "--socket", root.resolve("g.sock").toString(), "--data-root", root.resolve("data").toString(),
                    "--run-root", root.resolve("run").toString(), "--tcp", "127.0.0.1:" + freePort())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue(), out);
            assertTrue(out.contains("--tcp-insecure"), out);
            assertFalse(Files.exists(root.resolve("g.sock")));
        } finally {
            TempRoots.deleteTree(root);
        }
    }

    @Test
    void loopbackTcpServesTheSameApiAndRefusesForeignHostHeaders() throws Exception {
        int port = freePort();
        try (GantryProcess g = GantryProcess.start("--tcp", "127.0.0.1:" + port, "--tcp-insecure")) {
            assertTrue(g.log().contains("WARNING: plain TCP"), g.log());
            var r = GantryProcess.run(List.of(GantryProcess.dockerCli(), "-H", "tcp://127.0.0.1:" + port,
                    "version", "--format", "{{.Server.APIVersion}}"), Map.of());
            assertEquals("1.51", r.out().strip(), r.out());
            String url = "http://127.0.0.1:" + port + "/_ping";
            var local = GantryProcess.run(List.of("curl", "-s", "-m", "10", "-H", "Host: localhost:" + port, url), Map.of());
            assertEquals("OK", local.out().strip(), local.out());
            // a page on a rebound name reaches loopback but names its own domain
            var rebound = GantryProcess.run(List.of("curl", "-s", "-m", "10", "-w", "\n%{http_code}",
                    "-H", "Host: evil.example:" + port, "http://127.0.0.1:" + port + "/containers/json"), Map.of());
            assertTrue(rebound.out().strip().endsWith("403"), rebound.out());
            assertTrue(rebound.out().contains("\"message\":\"Host header evil.example"), rebound.out());
            // the socket is not checked: browsers cannot reach it
            assertEquals("OK", g.curl("/_ping", "-H", "Host: evil.example").out().strip());
        }
    }

    @Test
    void theSocketHasItsModeAndGroupAndNoBindDirectoryIsLeft() throws Exception {
        String group = GantryProcess.run(List.of("sh", "-c", "getent group nogroup || getent group daemon"), Map.of())
                .out().split(":")[0];
        try (GantryProcess g = GantryProcess.start("--group", group)) {
            Path sock = g.socket;
            assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
            var attrs = Files.readAttributes(sock, java.nio.file.attribute.PosixFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            assertEquals(group, attrs.group().getName());
            try (var siblings = Files.list(sock.getParent())) {
                assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains(".bind.")),
                        "the private bind directory was left");
            }
            assertTrue(g.log().contains("listening on unix://"), g.log());
        }
        Path root = Files.createTempDirectory("gantry-e2e-");
        try {
            Process p = new ProcessBuilder(GantryProcess.TOP.resolve("scripts/gantry").toString(), "serve",
                    "--socket", root.resolve("g.sock").toString(), "--group", "no-such-group-here")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue(), out);
            assertTrue(out.contains("no group named no-such-group-here"), out);
        } finally {
            TempRoots.deleteTree(root);
        }
    }

    @Test
    void sigtermStopsCleanlyAndRemovesTheSocket() throws Exception {
        try (GantryProcess g = GantryProcess.start()) {
            int code = g.terminate();
            assertTrue(code == 0 || code == 143, "exit code " + code);
            assertFalse(Files.exists(g.socket), "socket left behind");
            assertTrue(g.log().contains("stopped"), g.log());
        }
    }

    @Test
    void aStaleSocketFromACrashDoesNotBlockTheNextStart() throws Exception {
        GantryProcess crashed = GantryProcess.start();
        Path root = crashed.root;
        crashed.kill();
        assertTrue(Files.exists(crashed.socket), "SIGKILL leaves the socket file");
        try (GantryProcess again = GantryProcess.startAt(root)) {
            assertEquals(0, again.docker("version").code());
        }
    }
}
