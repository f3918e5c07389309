package dev.gantry.core.container.config;

import java.util.List;

/**
 * A container's settings on one network, what Gantry keeps of Docker's {@code EndpointSettings} from a create or a
 * {@code network connect}: its aliases, the addresses it asked for ({@code IPAMConfig}), a MAC, and on a
 * user-defined network the legacy links that show there. Empty text is not asked for.
 */
public record EndpointConfig(List<String> aliases, String ipv4Address, String ipv6Address, List<String> linkLocalIps,
                             String macAddress, List<String> links) {
    public EndpointConfig {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        linkLocalIps = linkLocalIps == null ? List.of() : List.copyOf(linkLocalIps);
        links = links == null ? List.of() : List.copyOf(links);
        ipv4Address = ipv4Address == null ? "" : ipv4Address;
        ipv6Address = ipv6Address == null ? "" : ipv6Address;
        macAddress = macAddress == null ? "" : macAddress;
    }

    /** Nothing asked for. */
    public static EndpointConfig none() {
        return new EndpointConfig(List.of(), "", "", List.of(), "", List.of());
    }

    /** Whether it asks IPAM for anything ({@code IPAMConfig} is then shown, else {@code null}). */
    public boolean asksForAddresses() {
        return !ipv4Address.isEmpty() || !ipv6Address.isEmpty() || !linkLocalIps.isEmpty();
    }

    public EndpointConfig withMacAddress(String mac) {
        return new EndpointConfig(aliases, ipv4Address, ipv6Address, linkLocalIps, mac, links);
    }

    public EndpointConfig withLinks(List<String> l) {
        return new EndpointConfig(aliases, ipv4Address, ipv6Address, linkLocalIps, macAddress, l);
    }
}
