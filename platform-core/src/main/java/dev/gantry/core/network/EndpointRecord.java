package dev.gantry.core.network;

import java.util.List;

/**
 * A container's place on a network: its address (without prefix), MAC, the ports published through it and the
 * aliases it answers to.
 *
 * @param address6  its IPv6 address (without prefix), empty unless the network has IPv6
 * @param linkLocal the link-local addresses the user gave ({@code IPAMConfig.LinkLocalIPs}), put on its interface
 */
public record EndpointRecord(String networkId, String containerId, String endpointId, String address, String mac,
                             List<Port> ports, List<String> aliases, String address6, List<String> linkLocal) {
    public EndpointRecord {
        ports = List.copyOf(ports);
        aliases = List.copyOf(aliases);
        address6 = address6 == null ? "" : address6;
        linkLocal = linkLocal == null ? List.of() : List.copyOf(linkLocal);
    }

    /** A published port: {@code hostIp:hostPort} to the container's {@code containerPort/protocol}. */
    public record Port(int containerPort, String protocol, String hostIp, int hostPort) {
    }
}
