package dev.gantry.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.spi.network.EndpointSpec;
import dev.gantry.spi.network.NetworkDriver;
import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.network.Subnet;
import dev.gantry.spi.plugin.PluginKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The network driver checks shared by every network plugin. Drivers' own tests add the checks that need a
 * network namespace; the kit grows with the bridge driver.
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
    void removingWhatWasNeverMadeSucceeds() {
        String id = "0123456789abcdef".repeat(4);
        NetworkSpec spec = new NetworkSpec(id, "kit", Optional.of("10.254.253.0/24"), Optional.of("10.254.253.1"), false,
                Map.of(), List.of(new Subnet("10.254.253.0/24", "10.254.253.1"), new Subnet("fd00:254:253::/64", "fd00:254:253::1")));
        NetworkDriver driver = newPlugin();
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
}
