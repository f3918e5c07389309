package dev.gantry.core.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.container.Container;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.plugin.PluginRegistry;
import dev.gantry.core.sys.Syscalls;
import dev.gantry.spi.network.EndpointSpec;
import dev.gantry.spi.network.NetworkDriver;
import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.network.PortBinding;
import dev.gantry.spi.plugin.PluginKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts containers on their networks at start and takes them off at exit: a network namespace of their own
 * ({@code ip netns}, so it outlives the engine like the container does), an address from IPAM, the driver's
 * endpoint with the published ports. Host and none need no endpoint.
 */
public final class Networking {
    private static final Path NETNS = Path.of("/run/netns");
    private final NetworkStore store;
    private final PluginRegistry plugins;
    private final EventBus events;

    public Networking(NetworkStore store, PluginRegistry plugins, EventBus events) {
        this.store = store;
        this.plugins = plugins;
        this.events = events;
    }

    public NetworkStore store() {
        return store;
    }

    /** Docker's NetworkMode for a network name: the default is the bridge. */
    public static String mode(Container c) {
        String mode = c.hostConfig().path("NetworkMode").asText("bridge");
        return mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
    }

    /** Checks at create that the container's network exists, so a start cannot fail on it later. */
    public void check(JsonNode hostConfig) {
        String mode = hostConfig.path("NetworkMode").asText("bridge");
        if (mode.isEmpty() || mode.equals("default") || mode.equals("host") || mode.equals("none")) {
            return;
        }
        if (mode.startsWith("container:")) {
            throw EngineException.invalid("network mode container: is not supported by Gantry");
        }
        store.resolve(mode);
    }

    /** The namespace the runtime should use: {@code host}, empty for a fresh one without interfaces, or a path. */
    public String attach(Container c) {
        String mode = mode(c);
        if (mode.equals("host")) {
            return "host";
        }
        if (mode.equals("none")) {
            return "";
        }
        NetworkRecord n = store.resolve(mode);
        if (!n.driver().equals("bridge")) {
            return "";
        }
        NetworkDriver driver = plugins.get(PluginKind.NETWORK, "bridge", NetworkDriver.class);
        String ns = "gantry-" + c.shortId();
        Path path = NETNS.resolve(ns);
        try {
            if (!Files.exists(path)) {
                makeNamespace(path);
            }
            NetworkSpec spec = spec(n);
            driver.createNetwork(spec);
            List<EndpointRecord.Port> ports = ports(c);
            checkPortsFree(ports);
            EndpointRecord e = store.allocate(n, c.id(), Optional.empty(), ports, List.of(c.name(), c.shortId()));
            driver.connect(spec, endpointSpec(n, e, path));
            events.publish(Event.now("network", "connect", n.id(), Map.of("container", c.id(), "name", n.name(), "type", n.driver())));
            return path.toString();
        } catch (RuntimeException e) {
            detach(c);
            throw e;
        }
    }

    /**
     * Takes the container off its networks and drops its namespace. Idempotent. The namespace goes first: with
     * it goes the container's end of each veth pair, and so the pair, so the driver usually finds nothing left.
     */
    public void detach(Container c) {
        String ns = "gantry-" + c.shortId();
        if (Files.exists(NETNS.resolve(ns))) {
            try {
                Syscalls.umount(NETNS.resolve(ns), Syscalls.MNT_DETACH);
                Files.deleteIfExists(NETNS.resolve(ns));
            } catch (IOException ignored) {
                // found again at the next start
            }
        }
        for (EndpointRecord e : store.endpointsOf(c.id())) {
            Optional<NetworkRecord> n = store.find(e.networkId());
            if (n.isPresent() && n.get().driver().equals("bridge")) {
                try {
                    plugins.get(PluginKind.NETWORK, "bridge", NetworkDriver.class)
                            .disconnect(spec(n.get()), endpointSpec(n.get(), e, NETNS.resolve(ns)));
                } catch (RuntimeException ignored) {
                    // what is left is found again at the next start
                }
                events.publish(Event.now("network", "disconnect", n.get().id(),
                        Map.of("container", c.id(), "name", n.get().name(), "type", n.get().driver())));
            }
            store.release(e.networkId(), c.id());
        }
    }

    /** Removes a network: its host side first, then its record. */
    public void remove(NetworkRecord n) {
        if (n.driver().equals("bridge")) {
            plugins.get(PluginKind.NETWORK, "bridge", NetworkDriver.class).deleteNetwork(spec(n));
        }
        store.remove(n);
    }

    /**
     * Takes down the host side of bridge networks nobody is on (at engine shutdown): a stopped engine leaves
     * no bridge or rule behind; the next attach makes them again.
     */
    public void releaseIdle() {
        for (NetworkRecord n : store.list()) {
            if (n.driver().equals("bridge") && store.endpoints(n.id()).isEmpty()) {
                try {
                    plugins.get(PluginKind.NETWORK, "bridge", NetworkDriver.class).deleteNetwork(spec(n));
                } catch (RuntimeException ignored) {
                    // tried again at the next shutdown
                }
            }
        }
    }

    private static NetworkSpec spec(NetworkRecord n) {
        return new NetworkSpec(n.id(), n.name(), Optional.of(n.subnet()), Optional.of(n.gateway()), n.internal(), n.options());
    }

    private static EndpointSpec endpointSpec(NetworkRecord n, EndpointRecord e, Path netns) {
        List<PortBinding> ports = new ArrayList<>();
        for (EndpointRecord.Port p : e.ports()) {
            ports.add(new PortBinding(p.protocol(), p.containerPort(), p.hostIp(), p.hostPort()));
        }
        return new EndpointSpec(n.id(), e.containerId(), Optional.of(netns), Optional.of(e.address() + "/" + n.prefixLength()),
                Optional.of(e.mac()), ports);
    }

    /**
     * The ports to publish: {@code PortBindings}, and with {@code PublishAllPorts} every exposed port on a random
     * host port. A host port taken by anything else is Docker's "port is already allocated".
     */
    static List<EndpointRecord.Port> ports(Container c) {
        List<EndpointRecord.Port> out = new ArrayList<>();
        JsonNode bindings = c.hostConfig().path("PortBindings");
        bindings.properties().forEach(entry -> {
            String[] pp = entry.getKey().split("/");
            int containerPort = Integer.parseInt(pp[0]);
            String proto = pp.length > 1 ? pp[1] : "tcp";
            for (JsonNode b : entry.getValue()) {
                String hostIp = b.path("HostIp").asText("");
                String hostPort = b.path("HostPort").asText("");
                out.add(new EndpointRecord.Port(containerPort, proto, hostIp.isEmpty() ? "0.0.0.0" : hostIp,
                        hostPort.isEmpty() ? 0 : Integer.parseInt(hostPort)));
            }
        });
        if (c.hostConfig().path("PublishAllPorts").asBoolean(false)) {
            c.config().path("ExposedPorts").fieldNames().forEachRemaining(k -> {
                String[] pp = k.split("/");
                int containerPort = Integer.parseInt(pp[0]);
                if (out.stream().noneMatch(p -> p.containerPort() == containerPort)) {
                    out.add(new EndpointRecord.Port(containerPort, pp.length > 1 ? pp[1] : "tcp", "0.0.0.0", 0));
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
    private void checkPortsFree(List<EndpointRecord.Port> ports) {
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

    private static int hostPort(EndpointRecord.Port p) {
        if (!p.protocol().equals("tcp")) {
            return p.hostPort();
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getByName(p.hostIp()), p.hostPort()));
            return s.getLocalPort();
        } catch (IOException e) {
            throw EngineException.failed("driver failed programming external connectivity on endpoint: Bind for "
                    + p.hostIp() + ":" + p.hostPort() + " failed: port is already allocated", e);
        }
    }

    /**
     * {@code ip netns add}, without the process: an empty file under /run/netns with a new namespace bound on it,
     * so {@code ip netns} and {@code ip -n} know it by name.
     */
    private static void makeNamespace(Path path) {
        try {
            Files.createDirectories(NETNS);
            Files.createFile(path);
            Syscalls.newNetworkNamespace(path);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // nothing was bound on it
            }
            throw EngineException.failed("cannot make a network namespace: " + e.getMessage(), e);
        }
    }
}
