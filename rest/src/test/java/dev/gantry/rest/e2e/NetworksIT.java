package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Networks with the real docker CLI: published ports on loopback, host and none, user-defined networks and
 * their commands, and the host left as it was found (links, namespaces, firewall rules), also after kill -9.
 */
class NetworksIT {
    static String ok(GantryProcess.Result r) {
        assertEquals(0, r.code(), r.out());
        return r.out();
    }

    /** What Gantry may make on the host: its links, namespaces and tagged rules. */
    static Set<String> hostState() throws Exception {
        Set<String> s = new TreeSet<>();
        for (String l : GantryProcess.run(List.of("ip", "-o", "link"), Map.of()).out().lines().toList()) {
            String name = l.split(":\\s+")[1].split("@")[0];
            if (name.startsWith("gbr-") || name.startsWith("gv") || name.startsWith("gp")) {
                s.add("link " + name);
            }
        }
        GantryProcess.run(List.of("ip", "netns"), Map.of()).out().lines().filter(l -> l.startsWith("gantry-"))
                .forEach(l -> s.add("netns " + l));
        GantryProcess.run(List.of("iptables-save"), Map.of()).out().lines()
                .filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("gantry")).forEach(l -> s.add("rule " + l));
        return s;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void portsNamesAndCommandsLeaveNothing() throws Exception {
        Set<String> before = hostState();
        GantryProcess g = GantryProcess.start();
        Path www = Files.createTempDirectory("gantry-www-");
        try {
            ok(g.docker("load", "-i", TestImages.busybox().toString()));
            Files.writeString(www.resolve("index.html"), "hello-web\n");
            int port = freePort();
            ok(g.docker("run", "-d", "--name", "web", "-v", www + ":/www", "-p", "127.0.0.1:" + port + ":80",
                    "busybox", "httpd", "-f", "-p", "80", "-h", "/www"));
            assertEquals("hello-web", fetch(g, "127.0.0.1:" + port));
            ok(g.docker("run", "-d", "--name", "web2", "-v", www + ":/www", "-p", "127.0.0.1::80",
                    "busybox", "httpd", "-f", "-p", "80", "-h", "/www"));
            String mapped = ok(g.docker("port", "web2", "80")).strip();
            assertTrue(mapped.startsWith("127.0.0.1:"), mapped);
            assertEquals("hello-web", fetch(g, mapped));
            ok(g.docker("run", "-d", "--name", "web3", "-v", www + ":/www", "--expose", "80", "-P",
                    "busybox", "httpd", "-f", "-p", "80", "-h", "/www"));
            String all = ok(g.docker("port", "web3", "80")).lines().findFirst().orElseThrow().strip();
            assertEquals("hello-web", fetch(g, all.replace("0.0.0.0", "127.0.0.1")));
            var taken = g.docker("run", "--rm", "-p", "127.0.0.1:" + port + ":80", "busybox", "true");
            assertTrue(taken.out().contains("port is already allocated"), taken.out());
            String ip = ok(g.docker("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "web")).strip();
            assertTrue(ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), ip);
            // host and none
            assertEquals("lo", ok(g.docker("run", "--rm", "--network", "none", "busybox", "sh", "-c",
                    "ip -o link | awk -F': ' '{print $2}'")).strip());
            String hostLinks = GantryProcess.run(List.of("ip", "-o", "link"), Map.of()).out();
            String inHost = ok(g.docker("run", "--rm", "--network", "host", "busybox", "ip", "-o", "link"));
            assertTrue(inHost.contains("eth0") == hostLinks.contains("eth0") && inHost.lines().count() > 1, inHost);
            // user-defined networks
            ok(g.docker("network", "create", "n1"));
            String subnet = ok(g.docker("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", "n1")).strip();
            assertTrue(subnet.endsWith("/16"), subnet);
            ok(g.docker("run", "-d", "--name", "member", "--network", "n1", "busybox", "sleep", "300"));
            String memberIp = ok(g.docker("inspect", "-f", "{{.NetworkSettings.Networks.n1.IPAddress}}", "member")).strip();
            ok(g.docker("run", "--rm", "--network", "n1", "busybox", "ping", "-c", "1", "-W", "2", memberIp));
            assertTrue(ok(g.docker("network", "inspect", "-f", "{{range .Containers}}{{.Name}} {{end}}", "n1")).contains("member"));
            var inUse = g.docker("network", "rm", "n1");
            assertTrue(inUse.out().contains("has active endpoints"), inUse.out());
            ok(g.docker("rm", "-f", "member"));
            ok(g.docker("network", "create", "n2"));
            String pruned = ok(g.docker("network", "prune", "-f"));
            assertTrue(pruned.contains("n1") && pruned.contains("n2"), pruned);
            assertFalse(ok(g.docker("network", "ls")).contains("n1"));
            var builtIn = g.docker("network", "rm", "bridge");
            assertTrue(builtIn.out().contains("pre-defined network"), builtIn.out());
            ok(g.docker("rm", "-f", "web", "web2", "web3"));
        } finally {
            g.close();
            dev.gantry.rest.TempRoots.deleteTree(www);
        }
        assertEquals(before, hostState());
    }

    @Test
    void crashedEngineLeavesNothingAfterRestartAndCleanup() throws Exception {
        Set<String> before = hostState();
        Path root = Files.createTempDirectory("gantry-e2e-");
        GantryProcess first = GantryProcess.startAt(root);
        GantryProcess second = null;
        try {
            ok(first.docker("load", "-i", TestImages.busybox().toString()));
            int port = freePort();
            ok(first.docker("run", "-d", "--name", "survivor", "-p", "127.0.0.1:" + port + ":80", "busybox", "sleep", "300"));
            ok(first.docker("run", "-d", "--name", "quitter", "busybox", "sleep", "1"));
            first.kill();
            Thread.sleep(1500);
            second = GantryProcess.startAt(root);
            assertEquals("running", ok(second.docker("inspect", "-f", "{{.State.Status}}", "survivor")).strip());
            assertEquals("exited", ok(second.docker("inspect", "-f", "{{.State.Status}}", "quitter")).strip());
            ok(second.docker("rm", "-f", "survivor", "quitter"));
        } finally {
            if (second != null) {
                second.close();
            } else {
                first.close();
            }
        }
        assertEquals(before, hostState());
    }

    private static String fetch(GantryProcess g, String hostPort) throws Exception {
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
