package dev.gantry.spi.network;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One container's attachment to one network.
 *
 * @param networkId   the network
 * @param containerId the container (64 hex characters)
 * @param netns       the container's network namespace (a bind-mounted nsfs file); empty for drivers that use
 *                    the host's namespace
 * @param address     the address (CIDR form) IPAM gave, if the network has addresses
 * @param macAddress  the MAC address to use, if fixed
 * @param ports       ports to publish through this endpoint
 */
public record EndpointSpec(String networkId, String containerId, Optional<Path> netns, Optional<String> address,
                           Optional<String> macAddress, List<PortBinding> ports) {
    public EndpointSpec {
        ports = List.copyOf(ports);
    }
}
