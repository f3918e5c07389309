package dev.gantry.rest.e2e;

import static dev.gantry.rest.e2e.NetworksIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
        GantryProcess g = GantryProcess.start("--ip", "127.0.0.1");
        Path www = Files.createTempDirectory("gantry-www-");
        Set<String> made = new TreeSet<>();
        try {
            ok(g.docker("load", "-i", TestImages.busybox().toString()));
            Files.writeString(www.resolve("index.html"), "hello-web\n");
            ok(g.docker("run", "-d", "--name", "plain", "-v", www + ":/www", "-p", "80", "--expose", "81", "-P",
                    "busybox", "httpd", "-f", "-p", "80", "-h", "/www"));
            String ports = ok(g.docker("port", "plain"));
            assertTrue(ports.contains("80/tcp -> 127.0.0.1:") && ports.contains("81/tcp -> 127.0.0.1:")
                    && !ports.contains("0.0.0.0"), ports);
            assertEquals("hello-web", NetworksIT.fetch(g, ok(g.docker("port", "plain", "80")).strip()));
            ok(g.docker("network", "create", "-o", "com.docker.network.bridge.host_binding_ipv4=127.0.0.2", "nb"));
            ok(g.docker("run", "-d", "--name", "bound", "--network", "nb", "-v", www + ":/www", "--expose", "80", "-P",
                    "busybox", "httpd", "-f", "-p", "80", "-h", "/www"));
            String bound = ok(g.docker("port", "bound", "80")).strip();
            assertTrue(bound.startsWith("127.0.0.2:"), bound);
            assertEquals("hello-web", NetworksIT.fetch(g, bound));
            var bad = g.docker("network", "create", "-o", "com.docker.network.bridge.host_binding_ipv4=nowhere", "nbad");
            assertTrue(bad.code() != 0 && bad.out().contains("host_binding_ipv4"), bad.out());
            made.addAll(NetworksIT.madeBy(g));
            ok(g.docker("rm", "-f", "plain", "bound"));
            ok(g.docker("network", "rm", "nb"));
        } finally {
            made.addAll(NetworksIT.madeBy(g));
            g.close();
            dev.gantry.rest.TempRoots.deleteTree(www);
        }
        assertEquals(List.of(), NetworksIT.leftovers(made));
    }

    /**
     * IPv6 between two containers, an internal network with no way out, icc=false, the MTU, a bridge name of
     * the user's, and legacy links with their variables and hosts line; every bridge, veth and (ip6)tables rule
     * gone at the end.
     */
    @Test
    void ipv6InternalBridgeOptionsAndLinks() throws Exception {
        GantryProcess g = GantryProcess.start();
        String bridge = "gpit" + Long.toHexString(System.nanoTime() & 0xfffffff);
        int net = 200 + (int) (System.nanoTime() % 50);
        Set<String> made = new TreeSet<>(Set.of("link " + bridge, "fd00:" + net + ":9::"));
        try {
            ok(g.docker("load", "-i", TestImages.busybox().toString()));
            ok(g.docker("network", "create", "--ipv6", "--subnet", "fd00:" + net + ":9::/64", "n6"));
            ok(g.docker("run", "-d", "--name", "a6", "--network", "n6", "busybox", "sleep", "300"));
            ok(g.docker("run", "-d", "--name", "b6", "--network", "n6", "busybox", "sleep", "300"));
            String b6 = ok(g.docker("inspect", "-f", "{{.NetworkSettings.Networks.n6.GlobalIPv6Address}}", "b6")).strip();
            assertTrue(b6.startsWith("fd00:" + net + ":9::"), b6);
            assertTrue(ok(g.docker("exec", "a6", "ping6", "-c", "1", "-W", "2", "b6")).contains(b6));
            assertTrue(NetworksIT.hostState().stream().anyMatch(r -> r.startsWith("rule6 ") && r.contains("fd00:" + net + ":9::/64")));
            ok(g.docker("network", "create", "--internal", "ni"));
            ok(g.docker("run", "-d", "--name", "i1", "--network", "ni", "busybox", "sleep", "300"));
            assertTrue(!ok(g.docker("exec", "i1", "ip", "route")).contains("default"));
            ok(g.docker("network", "create", "-o", "com.docker.network.bridge.enable_icc=false",
                    "-o", "com.docker.network.driver.mtu=1280", "-o", "com.docker.network.bridge.name=" + bridge, "nicc"));
            ok(g.docker("run", "-d", "--name", "c1", "--network", "nicc", "busybox", "sleep", "300"));
            ok(g.docker("run", "-d", "--name", "c2", "--network", "nicc", "busybox", "sleep", "300"));
            assertTrue(ok(g.docker("exec", "c1", "ip", "link", "show", "eth0")).contains("mtu 1280"));
            assertTrue(GantryProcess.run(List.of("ip", "link", "show", bridge), Map.of()).out().contains("mtu 1280"));
            assertTrue(g.docker("exec", "c1", "ping", "-c", "1", "-W", "1", "c2").code() != 0, "icc=false lets nothing across");
            ok(g.docker("run", "-d", "--name", "db", "-e", "SECRET=s3", "--expose", "5432", "busybox", "sleep", "300"));
            String dbIp = ok(g.docker("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "db")).strip();
            String linked = ok(g.docker("run", "--rm", "--name", "web", "--link", "db:data", "busybox", "sh", "-c", "env; cat /etc/hosts"));
            assertTrue(linked.contains("DATA_PORT_5432_TCP=tcp://" + dbIp + ":5432") && linked.contains("DATA_NAME=/web/data")
                    && linked.contains("DATA_ENV_SECRET=s3"), linked);
            assertTrue(linked.contains(dbIp + "\tdata "), linked);
            made.addAll(NetworksIT.madeBy(g));
            ok(g.docker("rm", "-f", "a6", "b6", "i1", "c1", "c2", "db"));
            ok(g.docker("network", "rm", "n6", "ni", "nicc"));
        } finally {
            made.addAll(NetworksIT.madeBy(g));
            g.close();
        }
        assertEquals(List.of(), NetworksIT.leftovers(made));
    }
}
