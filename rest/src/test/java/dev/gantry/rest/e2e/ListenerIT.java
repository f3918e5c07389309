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
    void loopbackTcpServesTheSameApi() throws Exception {
        int port = freePort();
        try (GantryProcess g = GantryProcess.start("--tcp", "127.0.0.1:" + port)) {
            var r = GantryProcess.run(List.of(GantryProcess.dockerCli(), "-H", "tcp://127.0.0.1:" + port,
                    "version", "--format", "{{.Server.APIVersion}}"), Map.of());
            assertEquals("1.51", r.out().strip(), r.out());
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
