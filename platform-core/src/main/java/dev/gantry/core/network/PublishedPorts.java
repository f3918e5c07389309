package dev.gantry.core.network;

import dev.gantry.core.EngineException;
import dev.gantry.core.container.Container;
import dev.gantry.core.container.config.PortBinding;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The ports a container publishes: which host address and port each takes (the engine's default bind address,
 * or its network's {@code host_binding_ipv4}, when the container names none), and Docker's "port is already
 * allocated" when another container or another program has it.
 */
final class PublishedPorts {
    private final NetworkStore store;
    private final String defaultBindIp;

    PublishedPorts(NetworkStore store, String defaultBindIp) {
        this.store = store;
        this.defaultBindIp = checkBindIp(defaultBindIp, "the default bind address");
    }

    /** The option by which a bridge network overrides the engine's default bind address, as in Docker. */
    public static final String HOST_BINDING_OPTION = "com.docker.network.bridge.host_binding_ipv4";

    /** An IPv4 literal for published ports to bind; anything else is refused before it reaches a firewall rule. */
    static String checkBindIp(String ip, String what) {
        try {
            Subnets.parse(ip);
            return ip;
        } catch (RuntimeException e) {
            throw EngineException.invalid(what + " must be an IPv4 address, not " + ip);
        }
    }

    /** Where a network's published ports bind when the container names no host address. */
    String bindIp(NetworkRecord n) {
        return n.options().getOrDefault(HOST_BINDING_OPTION, defaultBindIp);
    }

    /**
     * The ports to publish: {@code PortBindings}, and with {@code PublishAllPorts} every exposed port on a random
     * host port; those that name no host address bind {@code bindIp}. A host port taken by anything else is
     * Docker's "port is already allocated".
     */
    static List<EndpointRecord.Port> of(Container c, String bindIp) {
        List<EndpointRecord.Port> out = new ArrayList<>();
        c.hostConfig().portBindingsOrEmpty().forEach((port, bindings) -> {
            String[] pp = port.split("/");
            int containerPort = Integer.parseInt(pp[0]);
            String proto = pp.length > 1 ? pp[1] : "tcp";
            for (PortBinding b : bindings == null ? List.<PortBinding>of() : bindings) {
                String hostIp = b.hostIp();
                String hostPort = b.hostPort();
                out.add(new EndpointRecord.Port(containerPort, proto, hostIp.isEmpty() ? bindIp : hostIp,
                        hostPort.isEmpty() ? 0 : Integer.parseInt(hostPort)));
            }
        });
        if (c.hostConfig().publishAllPorts()) {
            c.config().exposedOrEmpty().forEach(k -> {
                String[] pp = k.split("/");
                int containerPort = Integer.parseInt(pp[0]);
                if (out.stream().noneMatch(p -> p.containerPort() == containerPort)) {
                    out.add(new EndpointRecord.Port(containerPort, pp.length > 1 ? pp[1] : "tcp", bindIp, 0));
                }
            });
        }
        List<EndpointRecord.Port> resolved = new ArrayList<>();
        for (EndpointRecord.Port p : out) {
            resolved.add(new EndpointRecord.Port(p.containerPort(), p.protocol(), p.hostIp(), hostPort(p)));
        }
        return resolved;
    }

    /** Published ports are DNAT rules, not sockets: another container's rule is found in the records. */
    void checkFree(List<EndpointRecord.Port> ports) {
        if (ports.isEmpty()) {
            // the common start publishes nothing: no need to read every endpoint of every network
            return;
        }
        for (NetworkRecord n : store.list()) {
            for (EndpointRecord e : store.endpoints(n.id())) {
                for (EndpointRecord.Port used : e.ports()) {
                    for (EndpointRecord.Port p : ports) {
                        boolean sameIp = used.hostIp().equals(p.hostIp()) || used.hostIp().equals("0.0.0.0") || p.hostIp().equals("0.0.0.0");
                        if (sameIp && used.hostPort() == p.hostPort() && used.protocol().equals(p.protocol())) {
                            throw EngineException.failed("driver failed programming external connectivity on endpoint: Bind for "
                                    + p.hostIp() + ":" + p.hostPort() + " failed: port is already allocated", null);
                        }
                    }
                }
            }
        }
    }

    /** The host port, a free one when none was named: the kernel picks it, for UDP as for TCP, as dockerd's does. */
    private static int hostPort(EndpointRecord.Port p) {
        try {
            return switch (p.protocol()) {
                case "tcp" -> {
                    try (ServerSocket s = new ServerSocket()) {
                        s.setReuseAddress(false);
                        s.bind(new InetSocketAddress(InetAddress.getByName(p.hostIp()), p.hostPort()));
                        yield s.getLocalPort();
                    }
                }
                case "udp" -> {
                    try (DatagramSocket s = new DatagramSocket(null)) {
                        s.setReuseAddress(false);
                        s.bind(new InetSocketAddress(InetAddress.getByName(p.hostIp()), p.hostPort()));
                        yield s.getLocalPort();
                    }
                }
                default -> p.hostPort();
            };
        } catch (IOException e) {
            throw EngineException.failed("driver failed programming external connectivity on endpoint: Bind for "
                    + p.hostIp() + ":" + p.hostPort() + " failed: port is already allocated", e);
        }
    }
}
