package dev.gantry.spi.network;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One container's attachment to one network.
 *
 * @param networkId      the network
 * @param containerId    the container (64 hex characters)
 * @param netns          the container's network namespace (a bind-mounted nsfs file); empty for drivers that use
 *                       the host's namespace
 * @param address        the address (CIDR form) IPAM gave, if the network has addresses
 * @param macAddress     the MAC address to use, if fixed
 * @param ports          ports to publish through this endpoint
 * @param defaultRoute   whether the container's default route goes through this network's gateway: true for the
 *                       first network a container joins, false for the ones connected beside it
 * @param moreAddresses  further addresses of the interface (CIDR form): the IPv6 one IPAM gave, and the
 *                       link-local ones the user asked for
 */
public record EndpointSpec(String networkId, String containerId, Optional<Path> netns, Optional<String> address,
                           Optional<String> macAddress, List<PortBinding> ports, boolean defaultRoute,
                           List<String> moreAddresses) {
    public EndpointSpec {
        ports = List.copyOf(ports);
        moreAddresses = List.copyOf(moreAddresses);
    }

    /** An endpoint with one address (or none). */
    public EndpointSpec(String networkId, String containerId, Optional<Path> netns, Optional<String> address,
                        Optional<String> macAddress, List<PortBinding> ports, boolean defaultRoute) {
        this(networkId, containerId, netns, address, macAddress, ports, defaultRoute, List.of());
    }
}
