package dev.gantry.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.spi.network.Endpoint;
import dev.gantry.spi.network.EndpointSpec;
import dev.gantry.spi.network.NamespaceMode;
import dev.gantry.spi.network.NetworkDriver;
import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.network.Subnet;
import dev.gantry.spi.plugin.PluginContext;
import dev.gantry.spi.plugin.PluginKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The network driver checks shared by every network plugin, on the real kernel (root): what the SPI promises
 * about idempotence, an endpoint joining and leaving a namespace the kit makes, and nothing left on the host when a
 * connect fails. Drivers' own tests add their specifics (the bridge's NAT, ports, isolation).
 */
public abstract class NetworkDriverKit extends PluginKit<NetworkDriver> {
    @Override
    protected Class<NetworkDriver> serviceType() {
        return NetworkDriver.class;
    }

    @Override
    protected PluginKind kind() {
        return PluginKind.NETWORK;
    }

    @Test
    void declaresItsNamespaceMode() {
        assertTrue(newPlugin().namespaceMode() != null);
    }

    /** The SPI's idempotence: removing what was never made succeeds, for a network with IPv6 and several pools too. */
    @Test
    void removingWhatWasNeverMadeSucceeds() throws IOException {
        String id = "0123456789abcdef".repeat(4);
        NetworkSpec spec = new NetworkSpec(id, "kit", Optional.of("10.254.253.0/24"), Optional.of("10.254.253.1"), false,
                Map.of(), List.of(new Subnet("10.254.253.0/24", "10.254.253.1"), new Subnet("fd00:254:253::/64", "fd00:254:253::1")));
        NetworkDriver driver = readyPlugin();
        driver.disconnect(spec, new EndpointSpec(id, "fedcba9876543210".repeat(4), Optional.empty(),
                Optional.of("10.254.253.2/24"), Optional.empty(), List.of(), false, List.of("fd00:254:253::2/64")));
        driver.deleteNetwork(spec);
    }

    /** The specs' helpers drivers rely on: the one-subnet form lists its subnet, and the IPv6 one is found. */
    @Test
    void specsDescribeTheirSubnets() {
        NetworkSpec one = new NetworkSpec("a", "one", Optional.of("10.0.0.0/24"), Optional.of("10.0.0.1"), false, Map.of());
        assertEquals(List.of(new Subnet("10.0.0.0/24", "10.0.0.1")), one.subnets());
        assertTrue(one.ipv6().isEmpty());
        Subnet v6 = new Subnet("fd00:1::/64", "fd00:1::1");
        assertTrue(v6.v6() && v6.holds("fd00:1::9/64") && !v6.holds("fd00:2::9") && !v6.holds("10.0.0.9"));
        assertTrue(new Subnet("10.0.0.0/23", "10.0.0.1").holds("10.0.1.200"));
    }

    /** The plugin initialised with directories of its own, as the engine hands them; drivers may override. */
    protected NetworkDriver readyPlugin() throws IOException {
        NetworkDriver d = newPlugin();
        d.init(new PluginContext(Files.createTempDirectory("kit-state"), Files.createTempDirectory("kit-run"), Map.of()));
        return d;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String hex() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A network of the kit's own, in 10.253.0.0/16 (a /24 picked at random, so parallel runs rarely meet). */
    private static NetworkSpec kitNetwork() {
        String net = "10.253." + (1 + RANDOM.nextInt(250)) + ".";
        return new NetworkSpec(hex(), "kit", Optional.of(net + "0/24"), Optional.of(net + "1"), false, Map.of());
    }

    private static EndpointSpec endpoint(NetworkSpec n, Optional<Path> netns) {
        String base = n.subnet().orElseThrow().replace(".0/24", "");
        return new EndpointSpec(n.id(), hex(), netns, Optional.of(base + ".2/24"), Optional.of("02:42:0a:fd:00:02"),
                List.of(), true);
    }

    private static String sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return p.exitValue() == 0 ? out : "exit " + p.exitValue() + ": " + out;
    }

    /**
     * The host's interfaces named from the kit's IDs (drivers name what they make from the network's and the
     * container's IDs, so a crash can be cleaned up from the records): what must be gone after a failure or a
     * delete. Other interfaces on a shared host come and go meanwhile, so only these are compared.
     */
    private static List<String> hostLinks(NetworkSpec n, EndpointSpec e) throws IOException, InterruptedException {
        return sh("ip", "-o", "link", "show").lines().map(l -> l.split(": "))
                .filter(f -> f.length > 1).map(f -> f[1].strip().split("@")[0])
                .filter(name -> name.contains(n.id().substring(0, 4)) || name.contains(e.containerId().substring(0, 8)))
                .sorted().toList();
    }

    @Test
    void creatingAndDeletingANetworkAreIdempotent() throws Exception {
        NetworkDriver driver = readyPlugin();
        NetworkSpec spec = kitNetwork();
        EndpointSpec none = endpoint(spec, Optional.empty());
        try {
            driver.createNetwork(spec);
            driver.createNetwork(spec);
        } finally {
            driver.deleteNetwork(spec);
            driver.deleteNetwork(spec);
        }
        assertEquals(List.of(), hostLinks(spec, none), "deleteNetwork leaves nothing of the network on the host");
    }

    @Test
    void anEndpointJoinsItsNamespaceAndLeavesIt() throws Exception {
        NetworkDriver driver = readyPlugin();
        NetworkSpec spec = kitNetwork();
        if (driver.namespaceMode() == NamespaceMode.HOST) {
            driver.createNetwork(spec);
            driver.connect(spec, endpoint(spec, Optional.empty()));
            driver.disconnect(spec, endpoint(spec, Optional.empty()));
            driver.deleteNetwork(spec);
            return;
        }
        String ns = "gantry-kit-" + hex().substring(0, 8);
        assertTrue(sh("ip", "netns", "add", ns).isEmpty());
        Path netns = Path.of("/run/netns", ns);
        EndpointSpec e = endpoint(spec, Optional.of(netns));
        try {
            driver.createNetwork(spec);
            Endpoint made = driver.connect(spec, e);
            if (made.interfaceName().isPresent()) {
                String ifname = made.interfaceName().get();
                String addr = e.address().orElseThrow().replace("/24", "");
                assertTrue(sh("ip", "-n", ns, "-o", "addr", "show", "dev", ifname).contains(addr),
                        "the endpoint's address is on " + ifname);
                driver.disconnect(spec, e);
                assertTrue(sh("ip", "-n", ns, "-o", "addr").lines().noneMatch(l -> l.contains(addr)),
                        "disconnect takes the address away");
            } else {
                driver.disconnect(spec, e);
            }
            driver.disconnect(spec, e);
        } finally {
            driver.deleteNetwork(spec);
            sh("ip", "netns", "del", ns);
        }
        assertEquals(List.of(), hostLinks(spec, e), "nothing of the endpoint or the network stays on the host");
    }

    @Test
    void aConnectThatFailsLeavesNothingBehind() throws Exception {
        NetworkDriver driver = readyPlugin();
        if (driver.namespaceMode() == NamespaceMode.HOST) {
            return;
        }
        NetworkSpec spec = kitNetwork();
        Path gone = Path.of("/run/netns/gantry-kit-missing-" + hex().substring(0, 8));
        EndpointSpec e = endpoint(spec, Optional.of(gone));
        driver.createNetwork(spec);
        try {
            List<String> withNetwork = hostLinks(spec, e);
            Endpoint made = null;
            try {
                made = driver.connect(spec, e);
            } catch (RuntimeException expected) {
                // the SPI's contract: on failure nothing of the endpoint is left
            }
            if (made != null) {
                assertFalse(made.interfaceName().isPresent(), "no interface can be made in a namespace that is not there");
            }
            assertEquals(withNetwork, hostLinks(spec, e), "a failed connect leaves no interface on the host");
            driver.disconnect(spec, e);
        } finally {
            driver.deleteNetwork(spec);
        }
        assertEquals(List.of(), hostLinks(spec, e));
    }
}
