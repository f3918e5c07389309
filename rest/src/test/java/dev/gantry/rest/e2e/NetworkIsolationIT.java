package dev.gantry.rest.e2e;

import static dev.gantry.rest.e2e.NetworksIT.leftovers;
import static dev.gantry.rest.e2e.NetworksIT.madeBy;
import static dev.gantry.rest.e2e.NetworksIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A container as the attacker of the network: the host's loopback, other networks, the way out of an internal
 * network, the embedded DNS of an internal network and an interface of the host named as a bridge, each probed
 * from real containers on the real kernel, and the host left as it was found.
 */
class NetworkIsolationIT {
    /**
     * Sends one UDP datagram as a raw Ethernet frame out of eth0 of the network namespace it runs in: to the
     * gateway's MAC, addressed to any IP. What a process with CAP_NET_RAW in a container can do with a packet socket.
     */
    private static final String RAW_UDP = """
            import socket, struct, sys
            src, smac, dmac, dst, port = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
            def csum(b):
                s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
                s = (s >> 16) + (s & 0xffff)
                s += s >> 16
                return ~s & 0xffff
            payload = b'gantry-probe'
            udp = struct.pack('!HHHH', 40000, port, 8 + len(payload), 0) + payload
            ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, socket.inet_aton(src), socket.inet_aton(dst))
            ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
            eth = bytes.fromhex(dmac.replace(':', '')) + bytes.fromhex(smac.replace(':', '')) + b'\\x08\\x00'
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            s.bind(('eth0', 0))
            for _ in range(3):
                s.send(eth + ip + udp)
            """;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Whether a datagram from the probe reaches a socket of the host bound to {@code address}. */
    private static boolean reaches(GantryProcess g, String container, String address) throws Exception {
        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.ofLiteral(address))) {
            listener.setSoTimeout(2000);
            String pid = ok(g.docker("inspect", "-f", "{{.State.Pid}}", container)).strip();
            String ip = ok(g.docker("inspect", "-f", "{{.NetworkSettings.IPAddress}}", container)).strip();
            String gateway = ok(g.docker("inspect", "-f", "{{.NetworkSettings.Gateway}}", container)).strip();
            String mac = ok(g.docker("exec", container, "cat", "/sys/class/net/eth0/address")).strip();
            // the gateway's MAC, as the container learns it
            ok(g.docker("exec", container, "ping", "-c", "1", "-W", "2", gateway));
            String neigh = ok(g.docker("exec", container, "ip", "neigh", "show", gateway));
            String gatewayMac = neigh.substring(neigh.indexOf("lladdr ") + 7).split("\\s")[0];
            ok(GantryProcess.run(List.of("nsenter", "-t", pid, "-n", "/usr/bin/python3", "-c", RAW_UDP, ip, mac, gatewayMac,
                    address, Integer.toString(listener.getLocalPort())), Map.of()));
            DatagramPacket p = new DatagramPacket(new byte[64], 64);
            try {
                listener.receive(p);
                return new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII).equals("gantry-probe");
            } catch (SocketTimeoutException nothing) {
                return false;
            }
        }
    }

    /**
     * CVE-2020-8558: the bridge routes 127.0.0.0/8 (for ports published on 127.0.0.1), so a container that sends
     * a frame to the gateway addressed to 127.0.0.1 would reach services the host keeps to itself. The same frame
     * to the gateway's own address arrives, so the probe itself works; the published port still does.
     */
    @Test
    void theHostsLoopbackIsNotReachableFromContainers() throws Exception {
        Set<String> made = new TreeSet<>();
        GantryProcess g = GantryProcess.start();
        try {
            ok(g.docker("load", "-i", TestImages.busybox().toString()));
            int port = freePort();
            ok(g.docker("run", "-d", "--name", "probe", "--cap-add", "NET_RAW", "-p", "127.0.0.1:" + port + ":80", "busybox",
                    "sh", "-c", "mkdir /www && echo hello-web > /www/index.html && exec httpd -f -p 80 -h /www"));
            assertEquals("hello-web", NetworksIT.fetch(g, "127.0.0.1:" + port), "the port published on 127.0.0.1");
            String gateway = ok(g.docker("inspect", "-f", "{{.NetworkSettings.Gateway}}", "probe")).strip();
            assertTrue(reaches(g, "probe", gateway), "the crafted frame reaches the host at the gateway's address");
            assertFalse(reaches(g, "probe", "127.0.0.1"), "a container reached a service on the host's 127.0.0.1");
            ok(g.docker("rm", "-f", "probe"));
        } finally {
            made.addAll(madeBy(g));
            g.close();
        }
        assertEquals(List.of(), leftovers(made));
    }

    /**
     * Docker's isolation: containers on one network reach each other, not those of another network; an internal
     * network's container gets out neither to another network nor to the host's other addresses, even with a
     * route of its own; and its embedded DNS asks no upstream.
     */
    @Test
    void networksAreIsolatedAndInternalStaysIn() throws Exception {
        Set<String> made = new TreeSet<>();
        try (FakeUpstreamDns upstream = new FakeUpstreamDns()) {
            GantryProcess g = GantryProcess.startAt(Files.createTempDirectory("gantry-e2e-"),
                    Map.of("GANTRY_NETWORKS_DNS_UPSTREAMS", "127.0.0.1:" + upstream.port()));
            try {
                ok(g.docker("load", "-i", TestImages.busybox().toString()));
                ok(g.docker("network", "create", "na"));
                ok(g.docker("network", "create", "nb"));
                ok(g.docker("network", "create", "--internal", "ni"));
                for (String[] c : List.of(new String[] {"a1", "na"}, new String[] {"a2", "na"}, new String[] {"b1", "nb"})) {
                    ok(g.docker("run", "-d", "--name", c[0], "--network", c[1], "busybox", "sleep", "300"));
                }
                ok(g.docker("run", "-d", "--name", "i1", "--network", "ni", "--cap-add", "NET_ADMIN", "busybox", "sleep", "300"));
                String a2 = address(g, "a2", "na");
                String b1 = address(g, "b1", "nb");
                String a1 = address(g, "a1", "na");
                assertTrue(ping(g, "a1", a2), "the same network");
                assertFalse(ping(g, "a1", b1), "a1 on na reached b1 on nb");
                assertFalse(ping(g, "b1", a1), "b1 on nb reached a1 on na");
                // TCP too: no answer at all, where a reached container would refuse the unserved port
                var across = g.docker("exec", "b1", "nc", "-w", "2", a1, "80");
                assertTrue(across.code() != 0 && across.out().contains("timed out"), "no answer, not even a refusal: " + across.out());
                // the internal container with a default route of its own making through its gateway
                String niGateway = gateway(g, "ni");
                ok(g.docker("exec", "i1", "ip", "route", "add", "default", "via", niGateway));
                assertTrue(ping(g, "i1", niGateway), "its own gateway");
                assertFalse(ping(g, "i1", gateway(g, "nb")), "an internal container reached another network's gateway address");
                assertFalse(ping(g, "i1", b1), "an internal container reached another network");
                // CVE-2024-29018: no question of an internal-only container leaves through the engine
                var lookup = g.docker("exec", "i1", "nslookup", FakeUpstreamDns.KNOWN);
                assertFalse(lookup.out().contains(FakeUpstreamDns.KNOWN_ADDRESS), lookup.out());
                assertEquals(0, upstream.questions(), "the upstream got a question from an internal network");
                assertTrue(ok(g.docker("exec", "a1", "nslookup", FakeUpstreamDns.KNOWN)).contains(FakeUpstreamDns.KNOWN_ADDRESS));
                assertTrue(upstream.questions() > 0, "the upstream answers containers with a way out");
                made.addAll(madeBy(g));
                ok(g.docker("rm", "-f", "a1", "a2", "b1", "i1"));
                ok(g.docker("network", "rm", "na", "nb", "ni"));
            } finally {
                made.addAll(madeBy(g));
                g.close();
            }
        }
        assertEquals(List.of(), leftovers(made));
    }

    /** bridge.name naming an interface of the host, or no valid name at all, is refused; the interface survives. */
    @Test
    void bridgeNameNeverTakesAHostInterface() throws Exception {
        Set<String> made = new TreeSet<>();
        String link = "gtiso" + Long.toHexString(System.nanoTime() & 0xffffff);
        // this kernel has no dummy driver: one end of a veth pair is as foreign an interface
        ok(GantryProcess.run(List.of("ip", "link", "add", "name", link, "type", "veth", "peer", "name", link + "p"), Map.of()));
        GantryProcess g = GantryProcess.start();
        try {
            for (String name : List.of(link, "-" + link, "a:b", "sixteen-chars-xx")) {
                var refused = g.docker("network", "create", "-o", "com.docker.network.bridge.name=" + name, "taken");
                assertTrue(refused.code() != 0, name + ": " + refused.out());
                assertFalse(ok(g.docker("network", "ls", "--format", "{{.Name}}")).contains("taken"), name);
            }
            String addr = ok(GantryProcess.run(List.of("ip", "-o", "addr", "show", "dev", link), Map.of()));
            assertFalse(addr.contains(" inet "), "no address was added to the host's interface: " + addr);
        } finally {
            made.addAll(madeBy(g));
            g.close();
            assertTrue(Files.exists(Path.of("/sys/class/net", link)), "the host's interface survives");
            GantryProcess.run(List.of("ip", "link", "del", "dev", link), Map.of());
        }
        assertEquals(List.of(), leftovers(made));
    }

    private static boolean ping(GantryProcess g, String from, String to) throws Exception {
        return g.docker("exec", from, "ping", "-c", "1", "-W", "2", to).code() == 0;
    }

    private static String address(GantryProcess g, String container, String network) throws Exception {
        return ok(g.docker("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}", container)).strip();
    }

    private static String gateway(GantryProcess g, String network) throws Exception {
        return ok(g.docker("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", network)).strip();
    }
}
