package dev.gantry.plugin.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.plugin.PluginContext;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Turning forwarding on must not open the host: where it was off, the FORWARD policy becomes DROP first (as
 * dockerd does). Proved in a network namespace of the test's own, whose forwarding is off and whose firewall
 * tables are its own, so the host's are never touched: the driver runs there in a JVM of its own.
 */
class ForwardingPolicyTest {
    /** Inside the namespace: one network, made as the engine makes it. */
    public static void main(String[] args) throws Exception {
        BridgeNetworkDriver driver = new BridgeNetworkDriver();
        driver.init(new PluginContext(Files.createTempDirectory("state"), Files.createTempDirectory("run"), Map.of("iptables", args[0])));
        driver.createNetwork(new NetworkSpec("f".repeat(64), "fwd", Optional.of("10.251.30.0/24"), Optional.of("10.251.30.1"),
                false, Map.of()));
    }

    @Test
    void forwardingTurnedOnDropsWhatIsNotAllowed() throws Exception {
        for (String iptables : List.of("iptables", "iptables-legacy")) {
            String ns = "gantry-fwd-" + Long.toHexString(System.nanoTime() & 0xffffff);
            HostCommands.must(List.of("ip", "netns", "add", ns));
            try {
                HostCommands.must(List.of("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv4.ip_forward=0"));
                String java = ProcessHandle.current().info().command().orElseThrow();
                HostCommands.must(List.of("ip", "netns", "exec", ns, java, "-cp", System.getProperty("java.class.path"),
                        ForwardingPolicyTest.class.getName(), iptables));
                assertEquals("1", HostCommands.must(List.of("ip", "netns", "exec", ns, "cat", "/proc/sys/net/ipv4/ip_forward")).strip());
                String forward = HostCommands.must(List.of("ip", "netns", "exec", ns, iptables, "-S", "FORWARD"));
                assertTrue(forward.contains("-P FORWARD DROP"), iptables + ": " + forward);
            } finally {
                // the namespace takes its bridge and its firewall tables with it
                HostCommands.run(List.of("ip", "netns", "del", ns));
            }
        }
    }
}
