package dev.gantry.plugin.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.spi.network.EndpointSpec;
import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.network.Subnet;
import dev.gantry.spi.plugin.PluginContext;
import dev.gantry.spi.plugin.PluginException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Isolation on the real kernel, both back ends: the loopback drop, the isolation chains, inbound only for DNATed
 * and established traffic, internal networks kept in, all tagged and all gone after; traffic between two
 * networks' namespaces dropped; an interface of the host named as bridge.name neither used nor deleted.
 */
class BridgeIsolationTest {
    private final List<Runnable> cleanup = new ArrayList<>();
    private BridgeNetworkDriver driver;

    private static String hex() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private void start(String iptables) throws Exception {
        driver = new BridgeNetworkDriver();
        driver.init(new PluginContext(Files.createTempDirectory("state"), Files.createTempDirectory("run"),
                Map.of("iptables", iptables)));
    }

    @AfterEach
    void tearDown() {
        for (Runnable r : cleanup.reversed()) {
            r.run();
        }
    }

    private NetworkSpec network(String subnet, String gateway, boolean internal, Map<String, String> options, Subnet... more) {
        List<Subnet> subnets = new ArrayList<>(List.of(new Subnet(subnet, gateway)));
        subnets.addAll(List.of(more));
        NetworkSpec spec = new NetworkSpec(hex(), "iso", Optional.of(subnet), Optional.of(gateway), internal, options, subnets);
        cleanup.add(() -> driver.deleteNetwork(spec));
        return spec;
    }

    private static String tag(NetworkSpec spec) {
        return "gantry:" + spec.id().substring(0, 12);
    }

    private static List<String> tagged(String save, NetworkSpec spec) {
        return HostCommands.run(List.of(save)).out().lines().filter(l -> l.contains(tag(spec))).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "iptables-legacy"})
    void rulesAreTaggedAndGoneAfter(String iptables) throws Exception {
        start(iptables);
        String save4 = iptables + "-save";
        String save6 = Firewall.ipv6Tool(iptables) + "-save";
        NetworkSpec open = network("10.251.20.0/24", "10.251.20.1", false, Map.of(), new Subnet("fd00:251:20::/64", "fd00:251:20::1"));
        NetworkSpec internal = network("10.251.21.0/24", "10.251.21.1", true, Map.of());
        driver.createNetwork(open);
        driver.createNetwork(internal);
        String br = BridgeNetworkDriver.bridgeName(open);
        List<String> v4 = tagged(save4, open);
        assertTrue(v4.stream().anyMatch(l -> l.startsWith("-A PREROUTING") && l.contains("-d 127.0.0.0/8") && l.contains("-i " + br + " ")
                && l.endsWith("-j DROP")), "loopback from the bridge is dropped: " + v4);
        assertTrue(v4.stream().anyMatch(l -> l.startsWith("-A GANTRY-ISOLATION-1 -i " + br + " ! -o " + br)), v4.toString());
        assertTrue(v4.stream().anyMatch(l -> l.startsWith("-A GANTRY-ISOLATION-2 -o " + br) && l.endsWith("-j DROP")), v4.toString());
        assertTrue(v4.stream().anyMatch(l -> l.startsWith("-A FORWARD -o " + br) && l.endsWith("-j DROP")),
                "only DNATed and established traffic gets in: " + v4);
        assertFalse(v4.stream().anyMatch(l -> l.startsWith("-A FORWARD -o " + br) && l.endsWith("-j ACCEPT") && !l.contains("ctstate")),
                "nothing lets everything in: " + v4);
        List<String> v6 = tagged(save6, open);
        assertTrue(v6.stream().anyMatch(l -> l.startsWith("-A PREROUTING") && l.contains("-d ::1/128") && l.endsWith("-j DROP")), v6.toString());
        assertTrue(v6.stream().anyMatch(l -> l.startsWith("-A GANTRY-ISOLATION-2 -o " + br)), v6.toString());
        List<String> in = tagged(save4, internal);
        assertTrue(in.stream().anyMatch(l -> l.startsWith("-A PREROUTING -i " + BridgeNetworkDriver.bridgeName(internal))
                && l.endsWith("-j GANTRY-INT-" + internal.id().substring(0, 12))), "an internal network keeps in: " + in);
        assertTrue(in.stream().anyMatch(l -> l.startsWith("-A GANTRY-INT-") && l.contains("-d 10.251.21.0/24") && l.endsWith("-j RETURN")), in.toString());
        assertTrue(HostCommands.run(List.of(save4)).out().lines().anyMatch(l -> l.startsWith("-A FORWARD") && l.contains("gantry:chain")
                && l.endsWith("-j GANTRY-ISOLATION-1")));
        driver.deleteNetwork(open);
        driver.deleteNetwork(internal);
        assertEquals(List.of(), tagged(save4, open));
        assertEquals(List.of(), tagged(save6, open));
        assertEquals(List.of(), tagged(save4, internal));
        String after = HostCommands.run(List.of(save4)).out();
        assertFalse(after.contains(":GANTRY-INT-" + internal.id().substring(0, 12)), "the internal chain goes with its network");
        boolean othersIsolated = after.lines().anyMatch(l -> l.startsWith("-A GANTRY-ISOLATION-1 -i "));
        assertEquals(othersIsolated, after.contains(":GANTRY-ISOLATION-1"), "the isolation chains go with the last network");
    }

    /** A namespace on one network pings its own gateway but not a namespace on another network. */
    @Test
    void networksDoNotReachEachOther() throws Exception {
        start("iptables");
        NetworkSpec a = network("10.251.22.0/24", "10.251.22.1", false, Map.of());
        NetworkSpec b = network("10.251.23.0/24", "10.251.23.1", false, Map.of());
        driver.createNetwork(a);
        driver.createNetwork(b);
        join(a, "10.251.22.2/24");
        String nsB = join(b, "10.251.23.2/24");
        String nsA = "gantry-test-" + a.id().substring(0, 8);
        assertTrue(ping(nsB, "10.251.23.1"), "its own gateway");
        assertTrue(ping(nsA, "10.251.22.1"), "its own gateway");
        assertFalse(ping(nsA, "10.251.23.2"), "a container on another network");
        assertFalse(ping(nsB, "10.251.22.2"), "a container on another network");
    }

    private static boolean ping(String ns, String to) {
        return HostCommands.run(List.of("ip", "netns", "exec", ns, "busybox", "ping", "-c", "1", "-W", "1", to)).ok();
    }

    private String join(NetworkSpec spec, String address) {
        String ns = "gantry-test-" + spec.id().substring(0, 8);
        String ctr = hex();
        HostCommands.must(List.of("ip", "netns", "add", ns));
        EndpointSpec ep = new EndpointSpec(spec.id(), ctr, Optional.of(Path.of("/run/netns", ns)), Optional.of(address),
                Optional.empty(), List.of(), true);
        cleanup.add(() -> {
            driver.disconnect(spec, ep);
            HostCommands.run(List.of("ip", "netns", "del", ns));
        });
        driver.connect(spec, ep);
        return ns;
    }

    /** bridge.name naming an interface of the host: refused, nothing added to it, and never deleted. */
    @ParameterizedTest
    @ValueSource(strings = {"veth", "bridge"})
    void hostInterfacesAreNeitherUsedNorDeleted(String type) throws Exception {
        start("iptables");
        String name = "gtiso" + hex().substring(0, 6);
        // this kernel has no dummy driver: one end of a veth pair is as foreign an interface
        List<String> add = new ArrayList<>(List.of("ip", "link", "add", "name", name, "type", type));
        if (type.equals("veth")) {
            add.addAll(List.of("peer", "name", name + "p"));
        }
        HostCommands.must(add);
        cleanup.add(() -> HostCommands.run(List.of("ip", "link", "del", "dev", name)));
        NetworkSpec spec = network("10.251.24.0/24", "10.251.24.1", false, Map.of("com.docker.network.bridge.name", name));
        PluginException e = assertThrows(PluginException.class, () -> driver.createNetwork(spec));
        assertEquals(PluginException.Reason.CONFLICT, e.reason(), e.getMessage());
        assertFalse(HostCommands.must(List.of("ip", "-o", "addr", "show", "dev", name)).contains("10.251.24.1"));
        driver.deleteNetwork(spec);
        assertTrue(Files.exists(Path.of("/sys/class/net", name)), "the host's interface survives");
        assertEquals(List.of(), tagged("iptables-save", spec));
    }

    @Test
    void invalidNamesAreRefused() throws Exception {
        start("iptables");
        for (String name : List.of("-x", "a/b", "a:b", "a b", "sixteen-chars-xx", "..")) {
            NetworkSpec spec = network("10.251.25.0/24", "10.251.25.1", false, Map.of("com.docker.network.bridge.name", name));
            PluginException e = assertThrows(PluginException.class, () -> driver.createNetwork(spec), name);
            assertEquals(PluginException.Reason.INVALID, e.reason(), name);
        }
    }
}
