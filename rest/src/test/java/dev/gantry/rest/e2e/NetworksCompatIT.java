package dev.gantry.rest.e2e;

import static dev.gantry.rest.e2e.NetworksIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Networks as dockerd makes them, seen with the docker CLI: the engine's default bind address and the bridge
 * options, and the host left as it was found.
 */
class NetworksCompatIT {

    /**
     * {@code --ip} sets where {@code -P} and {@code -p PORT} bind, as dockerd's flag does; a network's
     * {@code host_binding_ipv4} option overrides it for its containers.
     */
    @Test
    void defaultBindAddressAndItsNetworkOverride() throws Exception {
        Set<String> before = NetworksIT.hostState();
        GantryProcess g = GantryProcess.start("--ip", "127.0.0.1");
        Path www = Files.createTempDirectory("gantry-www-");
        try {
            ok(g.docker("load", "-i", TestImages.busybox().toString()));
            Files.writeString(www.resolve("index.html"), "hello-web\n");
            ok(g.docker("run", "-d", "--name", "plain", "-v", www + ":/www", "-p", "80", "--expose", "81", "-P",
                    "busybox", "httpd", "-f", "-p", "80", "-h", "/www"));
            String ports = ok(g.docker("port", "plain"));
            assertTrue(ports.contains("80/tcp -> 127.0.0.1:") && ports.contains("81/tcp -> 127.0.0.1:")
                    && !ports.contains("0.0.0.0"), ports);
            assertEquals("hello-web", fetch(ok(g.docker("port", "plain", "80")).strip()));
            ok(g.docker("network", "create", "-o", "com.docker.network.bridge.host_binding_ipv4=127.0.0.2", "nb"));
            ok(g.docker("run", "-d", "--name", "bound", "--network", "nb", "-v", www + ":/www", "--expose", "80", "-P",
                    "busybox", "httpd", "-f", "-p", "80", "-h", "/www"));
            String bound = ok(g.docker("port", "bound", "80")).strip();
            assertTrue(bound.startsWith("127.0.0.2:"), bound);
            assertEquals("hello-web", fetch(bound));
            var bad = g.docker("network", "create", "-o", "com.docker.network.bridge.host_binding_ipv4=nowhere", "nbad");
            assertTrue(bad.code() != 0 && bad.out().contains("host_binding_ipv4"), bad.out());
            ok(g.docker("rm", "-f", "plain", "bound"));
            ok(g.docker("network", "rm", "nb"));
        } finally {
            g.close();
            dev.gantry.rest.TempRoots.deleteTree(www);
        }
        assertEquals(before, NetworksIT.hostState());
    }

    static String fetch(String hostPort) throws Exception {
        String last = "";
        for (int i = 0; i < 50; i++) {
            last = GantryProcess.run(List.of("curl", "-s", "-m", "2", "http://" + hostPort + "/"), Map.of()).out().strip();
            if (last.equals("hello-web")) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }
}
