package dev.gantry.core.network;

import java.util.List;

/**
 * A container's place on a network: its address (without prefix), MAC, the ports published through it and the
 * aliases it answers to.
 */
public record EndpointRecord(String networkId, String containerId, String endpointId, String address, String mac,
                             List<Port> ports, List<String> aliases) {
    public EndpointRecord {
        ports = List.copyOf(ports);
        aliases = List.copyOf(aliases);
    }

    /** A published port: {@code hostIp:hostPort} to the container's {@code containerPort/protocol}. */
    public record Port(int containerPort, String protocol, String hostIp, int hostPort) {
    }
}
