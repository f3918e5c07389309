package dev.gantry.spi.network;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A network as the engine asks a driver to make it.
 *
 * @param id       the engine's id for it (64 hex characters)
 * @param name     its user-facing name
 * @param subnet   CIDR chosen by the engine's IPAM, empty for drivers that have no addresses
 * @param gateway  the gateway address in {@code subnet}
 * @param internal no route out of the network: containers get no default route through it and nothing is
 *                 forwarded between it and other interfaces
 * @param options  driver options ({@code com.docker.network.bridge.name}, {@code com.docker.network.driver.mtu},
 *                 {@code com.docker.network.bridge.enable_icc} and such), checked by the engine
 * @param subnets  every subnet of the network, {@code subnet} first, then any others (more IPv4 pools, the IPv6
 *                 one); the host side takes each gateway
 */
public record NetworkSpec(String id, String name, Optional<String> subnet, Optional<String> gateway,
                          boolean internal, Map<String, String> options, List<Subnet> subnets) {
    public NetworkSpec {
        options = Map.copyOf(options);
        subnets = List.copyOf(subnets);
    }

    /** A network with one IPv4 subnet (or none). */
    public NetworkSpec(String id, String name, Optional<String> subnet, Optional<String> gateway, boolean internal,
                       Map<String, String> options) {
        this(id, name, subnet, gateway, internal, options, subnet.isPresent() && gateway.isPresent()
                ? List.of(new Subnet(subnet.get(), gateway.get())) : List.of());
    }

    /** The IPv6 subnet, when the network has one. */
    public Optional<Subnet> ipv6() {
        return subnets.stream().filter(Subnet::v6).findFirst();
    }
}
