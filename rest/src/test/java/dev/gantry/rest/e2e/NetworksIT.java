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
 * Other engines may run on the host meanwhile, so a test looks for what its own engine made (see madeBy).
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
        GantryProcess.run(List.of("ip6tables-save"), Map.of()).out().lines()
                .filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("gantry")).forEach(l -> s.add("rule6 " + l));
        return s;
    }

    /**
     * The marks an engine's objects leave on the host: bridge and veth names, namespaces and rule tags, all made
     * from the IDs of the networks and containers it ever had (its event log names them, removed ones too). Other
     * engines may run beside a test, so a test looks for these only.
     */
    static Set<String> madeBy(GantryProcess g) throws Exception {
        Set<String> marks = new TreeSet<>();
        String until = Long.toString(java.time.Instant.now().getEpochSecond() + 1);
        StringBuilder seen = new StringBuilder(g.docker("events", "--since", "0", "--until", until, "--format",
                "{{.Type}} {{.Actor.ID}}").out());
        // the event log keeps the last few hundred: what exists now is added in case older ones were dropped
        g.docker("network", "ls", "-q", "--no-trunc").out().lines().forEach(id -> seen.append("\nnetwork ").append(id));
        g.docker("ps", "-aq", "--no-trunc").out().lines().forEach(id -> seen.append("\ncontainer ").append(id));
        for (String line : seen.toString().lines().toList()) {
            String[] f = line.split(" ");
            if (f.length == 2 && f[1].matches("[0-9a-f]{64}")) {
                String id = f[1];
                marks.add("gantry:" + id.substring(0, 12));
                if (f[0].equals("network")) {
                    marks.add("gbr-" + id.substring(0, 10));
                } else if (f[0].equals("container")) {
                    marks.addAll(List.of("gv" + id.substring(0, 8), "gantry-" + id.substring(0, 12)));
                }
            }
        }
        return marks;
    }

    /** Host objects (links, namespaces, iptables and ip6tables rules) that carry one of {@code marks}. */
    static List<String> leftovers(Set<String> marks) throws Exception {
        return hostState().stream().filter(o -> marks.stream().anyMatch(m -> o.contains(m.startsWith("link ") ? m.substring(5) : m)))
                .toList();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void portsNamesAndCommandsLeaveNothing() throws Exception {
        Set<String> made = new TreeSet<>();
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
            // a UDP port with no host port named gets one, as TCP does
            ok(g.docker("run", "-d", "--name", "udp1", "-p", "127.0.0.1::81/udp", "busybox", "sleep", "300"));
            String udp = ok(g.docker("port", "udp1", "81/udp")).strip();
            assertTrue(udp.matches("127\\.0\\.0\\.1:[1-9][0-9]*"), udp);
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
            ok(g.docker("rm", "-f", "web", "web2", "web3", "udp1"));
        } finally {
            made.addAll(madeBy(g));
            g.close();
            dev.gantry.rest.TempRoots.deleteTree(www);
        }
        assertEquals(List.of(), leftovers(made));
    }

    @Test
    void crashedEngineLeavesNothingAfterRestartAndCleanup() throws Exception {
        Set<String> made = new TreeSet<>();
        Path root = Files.createTempDirectory("gantry-e2e-");
        GantryProcess first = GantryProcess.startAt(root);
        GantryProcess second = null;
        try {
            ok(first.docker("load", "-i", TestImages.busybox().toString()));
            int port = freePort();
            ok(first.docker("run", "-d", "--name", "survivor", "-p", "127.0.0.1:" + port + ":80", "busybox", "sleep", "300"));
            ok(first.docker("run", "-d", "--name", "quitter", "busybox", "sleep", "1"));
            made.addAll(madeBy(first));
            first.kill();
            Thread.sleep(1500);
            second = GantryProcess.startAt(root);
            assertEquals("running", ok(second.docker("inspect", "-f", "{{.State.Status}}", "survivor")).strip());
            assertEquals("exited", ok(second.docker("inspect", "-f", "{{.State.Status}}", "quitter")).strip());
            ok(second.docker("rm", "-f", "survivor", "quitter"));
        } finally {
            if (second != null) {
                made.addAll(madeBy(second));
                second.close();
            } else {
                first.close();
            }
        }
        assertEquals(List.of(), leftovers(made));
    }

    /**
     * Names on user-defined networks through the embedded DNS: by name, alias and short ID on a shared network,
     * not from another network, gone after disconnect; other names go upstream; connect with --ip and --alias;
     * --ip-range.
     */
    @Test
    void namesResolveOnSharedNetworksOnly() throws Exception {
        Set<String> made = new TreeSet<>();
        try (FakeUpstreamDns upstream = new FakeUpstreamDns()) {
            GantryProcess g = GantryProcess.startAt(Files.createTempDirectory("gantry-e2e-"),
                    Map.of("GANTRY_NETWORKS_DNS_UPSTREAMS", "127.0.0.1:" + upstream.port()));
            try {
                ok(g.docker("load", "-i", TestImages.busybox().toString()));
                String since = Long.toString(java.time.Instant.now().getEpochSecond() - 1);
                ok(g.docker("network", "create", "n1"));
                ok(g.docker("network", "create", "--subnet", "10.213.7.0/24", "--ip-range", "10.213.7.128/25", "n2"));
                String c1 = ok(g.docker("run", "-d", "--name", "c1", "--network", "n1", "--network-alias", "web",
                        "busybox", "sleep", "300")).strip();
                ok(g.docker("run", "-d", "--name", "c2", "--network", "n1", "busybox", "sleep", "300"));
                ok(g.docker("run", "-d", "--name", "c3", "--network", "n2", "busybox", "sleep", "300"));
                String c1Ip = ok(g.docker("inspect", "-f", "{{.NetworkSettings.Networks.n1.IPAddress}}", "c1")).strip();
                assertTrue(startSpans(g).containsAll(List.of("network.namespace", "network.bridge", "network.ports",
                        "network.address", "network.endpoint", "network.dns")), startSpans(g).toString());
                assertEquals("nameserver 127.0.0.11", ok(g.docker("exec", "c2", "grep", "nameserver", "/etc/resolv.conf")).strip());
                // by name, by alias, by short ID; nslookup shows the embedded server answered
                String byName = ok(g.docker("exec", "c2", "nslookup", "c1"));
                assertTrue(byName.contains("127.0.0.11") && byName.contains(c1Ip), byName);
                for (String name : List.of("c1", "web", c1.substring(0, 12))) {
                    String ping = ok(g.docker("exec", "c2", "ping", "-c", "1", "-W", "2", name));
                    assertTrue(ping.contains(c1Ip), ping);
                }
                assertTrue(ok(g.docker("exec", "c1", "ping", "-c", "1", "-W", "2", "c2")).contains("1 packets received"));
                // the other network knows none of them; the upstream's name resolves everywhere
                var across = g.docker("exec", "c3", "nslookup", "c1");
                assertTrue(across.code() != 0 && !across.out().contains(c1Ip), across.out());
                assertTrue(ok(g.docker("exec", "c3", "nslookup", FakeUpstreamDns.KNOWN)).contains(FakeUpstreamDns.KNOWN_ADDRESS));
                assertTrue(upstream.questions() > 0);
                // --ip-range gives automatic addresses from the upper half only
                String c3Ip = ok(g.docker("inspect", "-f", "{{.NetworkSettings.Networks.n2.IPAddress}}", "c3")).strip();
                assertTrue(Integer.parseInt(c3Ip.substring(c3Ip.lastIndexOf('.') + 1)) >= 128, c3Ip);
                // connect with a fixed address and an alias: the other side of n2 now finds c2
                ok(g.docker("network", "connect", "--ip", "10.213.7.50", "--alias", "api", "n2", "c2"));
                assertEquals("10.213.7.50", ok(g.docker("inspect", "-f", "{{.NetworkSettings.Networks.n2.IPAddress}}", "c2")).strip());
                assertTrue(ok(g.docker("exec", "c3", "ping", "-c", "1", "-W", "2", "api")).contains("10.213.7.50"));
                assertTrue(ok(g.docker("exec", "c2", "ip", "-o", "-4", "addr")).contains("10.213.7.50/24"));
                var twice = g.docker("network", "connect", "n2", "c2");
                assertTrue(twice.code() != 0 && twice.out().contains("already exists"), twice.out());
                var taken = g.docker("network", "connect", "--ip", "10.213.7.50", "n2", "c1");
                assertTrue(taken.code() != 0, taken.out());
                // disconnect: c2's name fails on n1 at once
                ok(g.docker("network", "disconnect", "n1", "c2"));
                var gone = g.docker("exec", "c1", "nslookup", "c2");
                assertTrue(gone.code() != 0, gone.out());
                assertFalse(ok(g.docker("exec", "c2", "ip", "-o", "-4", "addr")).contains(" eth0 "));
                // n1 carried c2's default route: n2 takes it over, as Docker moves the gateway
                String n2Gateway = ok(g.docker("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "n2")).strip();
                assertTrue(ok(g.docker("exec", "c2", "ip", "route")).contains("default via " + n2Gateway), n2Gateway);
                var notOn = g.docker("network", "disconnect", "n1", "c2");
                assertTrue(notOn.code() != 0 && notOn.out().contains("is not connected"), notOn.out());
                // the default bridge resolves no names, as in Docker
                ok(g.docker("run", "-d", "--name", "b1", "busybox", "sleep", "300"));
                var bridgeName = g.docker("run", "--rm", "busybox", "nslookup", "b1");
                assertTrue(bridgeName.code() != 0, bridgeName.out());
                // ...until it joins a user-defined network: then, as in Docker, its resolv.conf names the embedded DNS
                assertFalse(ok(g.docker("exec", "b1", "cat", "/etc/resolv.conf")).contains("127.0.0.11"));
                ok(g.docker("network", "connect", "n1", "b1"));
                assertTrue(ok(g.docker("exec", "b1", "cat", "/etc/resolv.conf")).contains("nameserver 127.0.0.11"));
                assertTrue(ok(g.docker("exec", "b1", "nslookup", "c1")).contains(c1Ip));
                var fixedOnBridge = g.docker("network", "connect", "--ip", "172.31.250.9", "bridge", "c3");
                assertTrue(fixedOnBridge.out().contains("user specified IP address is supported on user defined networks only"),
                        fixedOnBridge.out());
                // a stopped container keeps its networks and gets them back at start
                ok(g.docker("restart", "-t", "1", "c2"));
                assertTrue(ok(g.docker("exec", "c3", "ping", "-c", "1", "-W", "2", "c2")).contains("10.213.7.50"));
                String events = ok(g.docker("events", "--since", since, "--until",
                        Long.toString(java.time.Instant.now().getEpochSecond() + 1), "--filter", "type=network",
                        "--format", "{{.Action}}"));
                assertTrue(events.contains("create") && events.contains("connect") && events.contains("disconnect"), events);
                made.addAll(madeBy(g));
                ok(g.docker("rm", "-f", "c1", "c2", "c3", "b1"));
                ok(g.docker("network", "rm", "n1", "n2"));
            } finally {
                made.addAll(madeBy(g));
                g.close();
            }
        }
        assertEquals(List.of(), leftovers(made));
    }

    /**
     * A published port seen from a test host: a network namespace the test makes, joined to the host by a veth
     * pair. The port is published on the host's end of that pair, which is one of the host's other addresses.
     */
    @Test
    void publishedPortAnswersAnotherHost() throws Exception {
        Set<String> made = new TreeSet<>();
        String tag = Long.toHexString(System.nanoTime() & 0xffffff);
        String ns = "gtest-" + tag;
        String hostSide = "gth" + tag;
        int octet = (int) (System.nanoTime() % 200) + 20;
        String hostIp = "10.216." + octet + ".1";
        GantryProcess g = GantryProcess.start();
        Path www = Files.createTempDirectory("gantry-www-");
        try {
            sh("ip netns add " + ns);
            sh("ip link add " + hostSide + " type veth peer name eth0 netns " + ns);
            sh("ip addr add " + hostIp + "/30 dev " + hostSide + " && ip link set " + hostSide + " up");
            sh("ip -n " + ns + " addr add 10.216." + octet + ".2/30 dev eth0 && ip -n " + ns + " link set eth0 up && ip -n " + ns + " link set lo up");
            ok(g.docker("load", "-i", TestImages.busybox().toString()));
            Files.writeString(www.resolve("index.html"), "hello-web\n");
            int port = freePort();
            ok(g.docker("run", "-d", "--name", "web", "-v", www + ":/www", "-p", hostIp + ":" + port + ":80",
                    "busybox", "httpd", "-f", "-p", "80", "-h", "/www"));
            String fromHost = fetch(g, hostIp + ":" + port);
            assertEquals("hello-web", fromHost);
            String fromTestHost = "";
            for (int i = 0; i < 30 && !fromTestHost.equals("hello-web"); i++) {
                fromTestHost = GantryProcess.run(List.of("ip", "netns", "exec", ns, "curl", "-s", "-m", "2",
                        "http://" + hostIp + ":" + port + "/"), Map.of()).out().strip();
            }
            assertEquals("hello-web", fromTestHost);
            ok(g.docker("rm", "-f", "web"));
        } finally {
            made.addAll(madeBy(g));
            g.close();
            GantryProcess.run(List.of("ip", "link", "del", hostSide), Map.of());
            GantryProcess.run(List.of("ip", "netns", "del", ns), Map.of());
            dev.gantry.rest.TempRoots.deleteTree(www);
        }
        assertEquals(List.of(), leftovers(made));
    }

    /** The span names under the engine's container starts, from its trace store. */
    private static Set<String> startSpans(GantryProcess g) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Set<String> names = new TreeSet<>();
        for (var trace : json.readTree(g.curl("/gantry/v1/traces").out())) {
            var detail = json.readTree(g.curl("/gantry/v1/traces/" + trace.path("TraceId").asText()).out());
            boolean start = false;
            for (var span : detail.path("Spans")) {
                start |= span.path("Name").asText().equals("container.start");
            }
            if (start) {
                detail.path("Spans").forEach(span -> names.add(span.path("Name").asText()));
            }
        }
        return names;
    }

    private static void sh(String command) throws Exception {
        ok(GantryProcess.run(List.of("sh", "-c", command), Map.of()));
    }

    static String fetch(GantryProcess g, String hostPort) throws Exception {
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
