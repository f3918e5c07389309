package dev.gantry.plugin.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.spi.kit.NetworkDriverKit;
import dev.gantry.spi.network.Endpoint;
import dev.gantry.spi.network.EndpointSpec;
import dev.gantry.spi.network.NetworkDriver;
import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.network.PortBinding;
import dev.gantry.spi.network.Subnet;
import dev.gantry.spi.plugin.PluginContext;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bridge driver on the real kernel: a bridge, a veth into a network namespace the test makes, NAT and a
 * published port on 127.0.0.1, then everything gone again. Traffic goes only to loopback and the test's namespace.
 */
class BridgeNetworkDriverTest extends NetworkDriverKit {
    private final String netId = hex();
    private final String ctrId = hex();
    private final String ns = "gantry-test-" + ctrId.substring(0, 8);
    private BridgeNetworkDriver driver;
    private NetworkSpec network;
    private Process server;

    @Override
    protected NetworkDriver newPlugin() {
        return new BridgeNetworkDriver();
    }

    private static String hex() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @BeforeEach
    void setUp() throws Exception {
        network = new NetworkSpec(netId, "test", Optional.of("10.251.7.0/24"), Optional.of("10.251.7.1"), false, Map.of());
        HostCommands.must(List.of("ip", "netns", "add", ns));
    }

    private void start(String iptables) throws Exception {
        driver = new BridgeNetworkDriver();
        driver.init(new PluginContext(Files.createTempDirectory("state"), Files.createTempDirectory("run"),
                Map.of("iptables", iptables)));
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.destroyForcibly();
        }
        if (driver == null) {
            HostCommands.run(List.of("ip", "netns", "del", ns));
            return;
        }
        driver.disconnect(network, new EndpointSpec(netId, ctrId, Optional.of(Path.of("/run/netns", ns)), Optional.empty(),
                Optional.empty(), List.of(), true));
        driver.deleteNetwork(network);
        HostCommands.run(List.of("ip", "netns", "del", ns));
    }

    /** Debian's default back end (nft) and the legacy one: rules, traffic and clean-up must be the same on both. */
    @ParameterizedTest
    @ValueSource(strings = {"iptables", "iptables-legacy"})
    void connectsPublishesAndCleansUp(String iptables) throws Exception {
        start(iptables);
        String save = iptables + "-save";
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        driver.createNetwork(network);
        driver.createNetwork(network);
        EndpointSpec ep = new EndpointSpec(netId, ctrId, Optional.of(Path.of("/run/netns", ns)), Optional.of("10.251.7.2/24"),
                Optional.empty(), List.of(new PortBinding("tcp", 80, "127.0.0.1", port)), true);
        Endpoint e = driver.connect(network, ep);
        assertEquals(Optional.of("eth0"), e.interfaceName());
        assertEquals(Optional.of("02:42:0a:fb:07:02"), e.macAddress());
        String addr = HostCommands.must(List.of("ip", "-n", ns, "-o", "addr", "show", "eth0"));
        assertTrue(addr.contains("10.251.7.2/24"), addr);
        assertTrue(HostCommands.run(List.of("ip", "netns", "exec", ns, "busybox", "ping", "-c", "1", "-W", "2", "10.251.7.1")).ok());
        assertTrue(HostCommands.must(List.of("ip", "-n", ns, "route")).contains("default via 10.251.7.1"));
        assertTrue(HostCommands.must(List.of(save)).contains("gantry:" + ctrId.substring(0, 12)), "rules go to " + iptables);
        // a server in the namespace answers on the published loopback port
        server = new ProcessBuilder("ip", "netns", "exec", ns, "busybox", "nc", "-l", "-p", "80", "-e", "echo", "hello")
                .redirectErrorStream(true).start();
        String answer = "";
        for (int i = 0; i < 50 && !answer.contains("hello"); i++) {
            Thread.sleep(100);
            answer = HostCommands.run(List.of("busybox", "nc", "-w", "1", "127.0.0.1", Integer.toString(port))).out();
        }
        assertTrue(answer.contains("hello"), answer);
        driver.disconnect(network, ep);
        driver.disconnect(network, ep);
        assertFalse(HostCommands.run(List.of("ip", "link", "show", BridgeNetworkDriver.hostVeth(ctrId, netId))).ok());
        assertFalse(HostCommands.run(List.of(save)).out().contains("gantry:" + ctrId.substring(0, 12)));
        driver.deleteNetwork(network);
        assertFalse(HostCommands.run(List.of("ip", "link", "show", BridgeNetworkDriver.bridgeName(network))).ok());
        assertFalse(HostCommands.run(List.of(save)).out().contains("gantry:" + netId.substring(0, 12)));
        // other engines on this host may have networks of their own: the chain stays exactly while any rule uses it
        String after = HostCommands.run(List.of(save)).out();
        boolean othersUseIt = after.lines().anyMatch(l -> l.startsWith("-A POSTROUTING") && l.contains("gantry:")
                || l.startsWith("-A GANTRY "));
        assertEquals(othersUseIt, after.contains(":GANTRY"), "the DNAT chain goes with the last network");
    }

    @Test
    void anotherEndpointTakesTheDefaultRouteOver() throws Exception {
        start("iptables");
        NetworkSpec other = new NetworkSpec(hex(), "other", Optional.of("10.251.8.0/24"), Optional.of("10.251.8.1"), false, Map.of());
        Optional<Path> netns = Optional.of(Path.of("/run/netns", ns));
        EndpointSpec first = new EndpointSpec(netId, ctrId, netns, Optional.of("10.251.7.2/24"), Optional.empty(), List.of(), true);
        EndpointSpec second = new EndpointSpec(other.id(), ctrId, netns, Optional.of("10.251.8.2/24"), Optional.empty(), List.of(), false);
        try {
            driver.createNetwork(network);
            driver.createNetwork(other);
            driver.connect(network, first);
            assertEquals(Optional.of("eth1"), driver.connect(other, second).interfaceName());
            assertTrue(HostCommands.must(List.of("ip", "-n", ns, "route")).contains("default via 10.251.7.1"));
            driver.disconnect(network, first);
            assertFalse(HostCommands.must(List.of("ip", "-n", ns, "route")).contains("default"));
            driver.carryDefaultRoute(other, second);
            driver.carryDefaultRoute(other, second);
            assertTrue(HostCommands.must(List.of("ip", "-n", ns, "route")).contains("default via 10.251.8.1 dev eth1"));
        } finally {
            driver.disconnect(other, second);
            driver.deleteNetwork(other);
        }
    }

    /** IPv6 beside IPv4 on both back ends: addresses, routes, ip6tables rules tagged alike, and all of it gone after. */
    @ParameterizedTest
    @ValueSource(strings = {"iptables", "iptables-legacy"})
    void ipv6AddressesRoutesAndRules(String iptables) throws Exception {
        start(iptables);
        String save = Firewall.ipv6Tool(iptables) + "-save";
        NetworkSpec v6 = new NetworkSpec(hex(), "v6", Optional.of("10.251.9.0/24"), Optional.of("10.251.9.1"), false,
                Map.of("com.docker.network.bridge.enable_icc", "false"),
                List.of(new Subnet("10.251.9.0/24", "10.251.9.1"), new Subnet("fd00:251:9::/64", "fd00:251:9::1")));
        EndpointSpec ep = new EndpointSpec(v6.id(), ctrId, Optional.of(Path.of("/run/netns", ns)), Optional.of("10.251.9.2/24"),
                Optional.empty(), List.of(), true, List.of("fd00:251:9::2/64"));
        String tag = "gantry:" + v6.id().substring(0, 12);
        try {
            driver.createNetwork(v6);
            driver.connect(v6, ep);
            assertTrue(HostCommands.must(List.of("ip", "-n", ns, "-6", "addr")).contains("fd00:251:9::2/64"));
            assertTrue(HostCommands.must(List.of("ip", "-n", ns, "-6", "route")).contains("default via fd00:251:9::1"));
            assertTrue(HostCommands.run(List.of("ip", "netns", "exec", ns, "busybox", "ping6", "-c", "1", "-W", "2", "fd00:251:9::1")).ok());
            String rules = HostCommands.must(List.of(save));
            assertTrue(rules.contains("-s fd00:251:9::/64") && rules.contains(tag), rules);
            assertTrue(rules.lines().anyMatch(l -> l.contains("-j DROP") && l.contains(tag)), "icc=false drops on IPv6 too");
        } finally {
            driver.disconnect(v6, ep);
            driver.deleteNetwork(v6);
        }
        assertFalse(HostCommands.run(List.of(save)).out().contains(tag));
        assertFalse(HostCommands.run(List.of("ip", "link", "show", BridgeNetworkDriver.bridgeName(v6))).ok());
    }

    @Test
    void wordsOfRules() {
        assertEquals(List.of("-D", "X", "-m", "comment", "--comment", "a b"),
                Firewall.shellWords("-D X -m comment --comment \"a b\""));
    }
}
