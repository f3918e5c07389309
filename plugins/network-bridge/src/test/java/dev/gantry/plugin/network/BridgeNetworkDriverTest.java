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
        assertFalse(HostCommands.run(List.of(save)).out().contains("GANTRY"), "the DNAT chain goes with the last network");
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

    @Test
    void wordsOfRules() {
        assertEquals(List.of("-D", "X", "-m", "comment", "--comment", "a b"),
                Firewall.shellWords("-D X -m comment --comment \"a b\""));
    }
}
