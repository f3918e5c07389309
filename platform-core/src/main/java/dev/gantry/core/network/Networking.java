package dev.gantry.core.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.Spans;
import io.opentelemetry.api.trace.Tracer;
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
 * ({@code /run/netns/gantry-<id>}, so it outlives the engine like the container does), an address from IPAM, the
 * driver's endpoint with the published ports, and the embedded DNS when a user-defined network is among them.
 * {@code network connect} and {@code disconnect} do the same for one network of a running container.
 */
public final class Networking implements AutoCloseable {
    private static final Path NETNS = Path.of("/run/netns");
    private static final com.fasterxml.jackson.databind.node.JsonNodeFactory JSON =
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    private final NetworkStore store;
    private final PluginRegistry plugins;
    private final EventBus events;
    private final Tracer tracer;
    private final NameDirectory names;
    private final DnsResponder dns;
    private final String defaultBindIp;

    /** The namespace the runtime should use ({@code host}, empty for a fresh one, or a path) and what was set up. */
    public record Attachment(String netns, Optional<String> address, boolean embeddedDns) {
    }

    public Networking(NetworkStore store, PluginRegistry plugins, EventBus events, Tracer tracer, NameDirectory names,
                      List<InetSocketAddress> upstreams, String defaultBindIp) {
        this.store = store;
        this.defaultBindIp = checkBindIp(defaultBindIp, "the default bind address");
        this.plugins = plugins;
        this.events = events;
        this.tracer = tracer;
        this.names = names;
        this.dns = new DnsResponder(names, upstreams);
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

    public NetworkStore store() {
        return store;
    }

    public NameDirectory names() {
        return names;
    }

    /** Docker's NetworkMode for a network name: the default is the bridge. */
    public static String mode(Container c) {
        return mode(c.hostConfig());
    }

    private static String mode(JsonNode hostConfig) {
        String mode = hostConfig.path("NetworkMode").asText("bridge");
        return mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
    }

    private static boolean ownNamespace(String mode) {
        return !mode.equals("host") && !mode.equals("none");
    }

    /**
     * The networks a new container joins, in Docker's {@code EndpointsConfig} form keyed by network name: the one
     * its NetworkMode names first, then the others the request lists. Checked now, so a start cannot fail on them.
     */
    public ObjectNode endpointsAtCreate(JsonNode hostConfig, JsonNode networkingConfig) {
        String mode = mode(hostConfig);
        if (mode.startsWith("container:")) {
            throw EngineException.invalid("network mode container: is not supported by Gantry");
        }
        JsonNode requested = networkingConfig.path("EndpointsConfig");
        ObjectNode out = JSON.objectNode();
        if (!ownNamespace(mode)) {
            requested.fieldNames().forEachRemaining(name -> {
                if (!name.equals(mode)) {
                    throw EngineException.invalid(mode.equals("host")
                            ? "container cannot be disconnected from host network or connected to host network"
                            : "container cannot be connected to multiple networks with one of the networks in private (none) mode");
                }
            });
            return out;
        }
        NetworkRecord primary = store.resolve(mode);
        JsonNode primarySettings = requested.has(mode) ? requested.get(mode)
                : requested.has("default") && mode.equals("bridge") ? requested.get("default") : requested.path(primary.name());
        out.set(primary.name(), settings(primary, primarySettings));
        requested.properties().forEach(entry -> {
            // the CLI names the default network "default"
            NetworkRecord n = store.resolve(entry.getKey().equals("default") ? "bridge" : entry.getKey());
            if (!ownNamespace(n.name())) {
                throw EngineException.invalid("container cannot be disconnected from host network or connected to host network");
            }
            if (!out.has(n.name())) {
                out.set(n.name(), settings(n, entry.getValue()));
            }
        });
        return out;
    }

    /** The endpoint settings Gantry keeps (aliases and a fixed address), checked against Docker's rules. */
    private static ObjectNode settings(NetworkRecord n, JsonNode given) {
        ObjectNode s = JSON.objectNode();
        ArrayNode aliases = s.putArray("Aliases");
        given.path("Aliases").forEach(a -> {
            if (!a.asText().isEmpty()) {
                aliases.add(a.asText());
            }
        });
        String ip = given.path("IPAMConfig").path("IPv4Address").asText("");
        if (!n.resolvesNames() && (!aliases.isEmpty() || !ip.isEmpty())) {
            throw EngineException.invalid(!ip.isEmpty() ? "user specified IP address is supported on user defined networks only"
                    : "network-scoped alias is supported only for containers in user defined networks");
        }
        if (!ip.isEmpty()) {
            if (!n.configured()) {
                throw EngineException.invalid("user specified IP address is supported only when connecting to networks with user configured subnets");
            }
            Subnets.parse(ip);
            s.putObject("IPAMConfig").put("IPv4Address", ip);
        } else {
            s.putNull("IPAMConfig");
        }
        return s;
    }

    /** Joins the container to every network it has, at start. Nothing is left of it when this fails. */
    public Attachment attach(Container c) {
        String mode = mode(c);
        if (mode.equals("host")) {
            return new Attachment("host", Optional.empty(), false);
        }
        if (mode.equals("none")) {
            return new Attachment("", Optional.empty(), false);
        }
        Path path = namespace(c);
        try {
            Spans.child(tracer, "network.namespace", () -> {
                if (!Files.exists(path)) {
                    makeNamespace(path);
                }
                return null;
            });
            Optional<String> first = Optional.empty();
            boolean resolves = false;
            for (var entry : c.networks().properties()) {
                NetworkRecord n = store.find(entry.getKey()).orElseThrow(() ->
                        EngineException.notFound("network " + entry.getKey() + " not found"));
                EndpointRecord e = join(c, n, entry.getValue(), path, first.isEmpty());
                if (first.isEmpty()) {
                    first = Optional.of(e.address());
                }
                resolves |= n.resolvesNames();
            }
            if (resolves) {
                Spans.child(tracer, "network.dns", () -> {
                    dns.open(c.id(), path, ownUpstreams(c));
                    return null;
                });
            }
            return new Attachment(path.toString(), first, resolves);
        } catch (IOException e) {
            detach(c);
            throw EngineException.failed("cannot set up the network of " + c.name() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            detach(c);
            throw e;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** One network's endpoint: the host side of the network, an address, the interface and the port rules. */
    private EndpointRecord join(Container c, NetworkRecord n, JsonNode settings, Path netns, boolean gateway) {
        NetworkDriver driver = plugins.get(PluginKind.NETWORK, n.driver(), NetworkDriver.class);
        NetworkSpec spec = spec(n);
        Spans.child(tracer, "network.bridge", () -> {
            driver.createNetwork(spec);
            return null;
        });
        // published ports go through the network that carries the default route, as Docker's do
        List<EndpointRecord.Port> ports = gateway ? Spans.child(tracer, "network.ports", () -> {
            List<EndpointRecord.Port> p = ports(c, bindIp(n));
            checkPortsFree(p);
            return p;
        }) : List.of();
        Optional<String> ip = Optional.of(settings.path("IPAMConfig").path("IPv4Address").asText("")).filter(s -> !s.isEmpty());
        EndpointRecord e = Spans.child(tracer, "network.address", () ->
                store.allocate(n, c.id(), ip, ports, strings(settings.path("Aliases"))));
        try {
            Spans.child(tracer, "network.endpoint", () -> driver.connect(spec, endpointSpec(n, e, netns, gateway)));
        } catch (RuntimeException failed) {
            store.release(n.id(), c.id());
            throw failed;
        }
        events.publish(Event.now("network", "connect", n.id(), Map.of("container", c.id(), "name", n.name(), "type", n.driver())));
        return e;
    }

    /**
     * {@code network connect} of a running container: the endpoint is made now, in its namespace. Returns
     * whether this started the container's embedded DNS (the first network with names), after which Docker
     * points the container's resolv.conf at it.
     */
    public boolean connect(Container c, NetworkRecord n, JsonNode settings) {
        Path netns = namespace(c);
        if (!Files.exists(netns)) {
            throw EngineException.failed("container " + c.name() + " has no network namespace", null);
        }
        boolean gateway = store.endpointsOf(c.id()).isEmpty();
        join(c, n, settings, netns, gateway);
        if (n.resolvesNames() && !dns.serving(c.id())) {
            openDnsQuietly(c, netns);
            return dns.serving(c.id());
        }
        return false;
    }

    /** Checks a {@code network connect} and gives the container's networks with the new one. */
    public ObjectNode connectable(Container c, NetworkRecord n, JsonNode settings) {
        String mode = mode(c);
        if (mode.equals("host") || n.name().equals("host")) {
            throw EngineException.invalid("container cannot be disconnected from host network or connected to host network");
        }
        if (mode.equals("none") || n.name().equals("none")) {
            throw EngineException.invalid("container cannot be connected to multiple networks with one of the networks in private (none) mode");
        }
        if (c.networks().has(n.name())) {
            throw new EngineException(EngineException.Kind.FORBIDDEN, "endpoint with name " + c.name()
                    + " already exists in network " + n.name());
        }
        ObjectNode next = c.networks().deepCopy();
        next.set(n.name(), settings(n, settings));
        return next;
    }

    /** Checks a {@code network disconnect} and gives the container's networks without that one. */
    public ObjectNode disconnectable(Container c, String networkName) {
        if (mode(c).equals("host") || networkName.equals("host")) {
            throw EngineException.invalid("container cannot be disconnected from host network or connected to host network");
        }
        if (!c.networks().has(networkName)) {
            throw new EngineException(EngineException.Kind.FORBIDDEN, "container " + c.id()
                    + " is not connected to network " + networkName);
        }
        ObjectNode next = c.networks().deepCopy();
        next.remove(networkName);
        return next;
    }

    /**
     * {@code network disconnect} of a running container: its endpoint on that network goes. Idempotent. When
     * that network carried the default route (the first of the container's networks), the next one that is
     * still connected takes it over, as Docker moves the gateway; the published ports stay with the network
     * they were made on until the container restarts.
     */
    public void disconnect(Container c, NetworkRecord n) {
        Path netns = namespace(c);
        for (EndpointRecord e : store.endpointsOf(c.id())) {
            if (e.networkId().equals(n.id())) {
                leave(c, n, e, netns);
            }
        }
        boolean carried = c.networks().propertyStream().findFirst().map(Map.Entry::getKey).filter(n.name()::equals).isPresent();
        if (!carried) {
            return;
        }
        for (var entry : c.networks().properties()) {
            Optional<NetworkRecord> next = store.find(entry.getKey()).filter(r -> !r.id().equals(n.id()));
            Optional<EndpointRecord> endpoint = next.flatMap(r -> store.endpointsOf(c.id()).stream()
                    .filter(e -> e.networkId().equals(r.id())).findFirst());
            if (endpoint.isPresent()) {
                plugins.get(PluginKind.NETWORK, next.get().driver(), NetworkDriver.class)
                        .carryDefaultRoute(spec(next.get()), endpointSpec(next.get(), endpoint.get(), netns, true));
                return;
            }
        }
    }

    private void leave(Container c, NetworkRecord n, EndpointRecord e, Path netns) {
        try {
            plugins.get(PluginKind.NETWORK, n.driver(), NetworkDriver.class).disconnect(spec(n), endpointSpec(n, e, netns, false));
        } catch (RuntimeException ignored) {
            // what is left is found again at the next start
        }
        store.release(n.id(), c.id());
        events.publish(Event.now("network", "disconnect", n.id(), Map.of("container", c.id(), "name", n.name(), "type", n.driver())));
    }

    /** The DNS of a container found running when the engine starts: the sockets died with the old engine. */
    public void restore(Container c) {
        boolean resolves = store.endpointsOf(c.id()).stream()
                .anyMatch(e -> store.find(e.networkId()).filter(NetworkRecord::resolvesNames).isPresent());
        if (resolves && Files.exists(namespace(c))) {
            openDnsQuietly(c, namespace(c));
        }
    }

    private void openDnsQuietly(Container c, Path netns) {
        try {
            dns.open(c.id(), netns, ownUpstreams(c));
        } catch (IOException ignored) {
            // names are then not answered in this container
        }
    }

    /** The container's own {@code --dns} servers; empty means the engine's upstreams. */
    private static List<InetSocketAddress> ownUpstreams(Container c) {
        return Upstreams.parse(strings(c.hostConfig().path("Dns")), Path.of("/dev/null"));
    }

    private static Path namespace(Container c) {
        return NETNS.resolve("gantry-" + c.shortId());
    }

    /**
     * Takes the container off its networks and drops its namespace. Idempotent. The namespace goes first: with
     * it goes the container's end of each veth pair, and so the pair, so the driver usually finds nothing left.
     */
    public void detach(Container c) {
        dns.close(c.id());
        Path ns = namespace(c);
        if (Files.exists(ns)) {
            try {
                Syscalls.umount(ns, Syscalls.MNT_DETACH);
                Files.deleteIfExists(ns);
            } catch (IOException ignored) {
                // found again at the next start
            }
        }
        for (EndpointRecord e : store.endpointsOf(c.id())) {
            Optional<NetworkRecord> n = store.find(e.networkId());
            if (n.isPresent()) {
                leave(c, n.get(), e, ns);
            } else {
                store.release(e.networkId(), c.id());
            }
        }
    }

    @Override
    public void close() {
        dns.close();
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

    private static EndpointSpec endpointSpec(NetworkRecord n, EndpointRecord e, Path netns, boolean gateway) {
        List<PortBinding> ports = new ArrayList<>();
        for (EndpointRecord.Port p : e.ports()) {
            ports.add(new PortBinding(p.protocol(), p.containerPort(), p.hostIp(), p.hostPort()));
        }
        return new EndpointSpec(n.id(), e.containerId(), Optional.of(netns), Optional.of(e.address() + "/" + n.prefixLength()),
                Optional.of(e.mac()), ports, gateway);
    }

    /**
     * The ports to publish: {@code PortBindings}, and with {@code PublishAllPorts} every exposed port on a random
     * host port; those that name no host address bind {@code bindIp}. A host port taken by anything else is
     * Docker's "port is already allocated".
     */
    static List<EndpointRecord.Port> ports(Container c, String bindIp) {
        List<EndpointRecord.Port> out = new ArrayList<>();
        JsonNode bindings = c.hostConfig().path("PortBindings");
        bindings.properties().forEach(entry -> {
            String[] pp = entry.getKey().split("/");
            int containerPort = Integer.parseInt(pp[0]);
            String proto = pp.length > 1 ? pp[1] : "tcp";
            for (JsonNode b : entry.getValue()) {
                String hostIp = b.path("HostIp").asText("");
                String hostPort = b.path("HostPort").asText("");
                out.add(new EndpointRecord.Port(containerPort, proto, hostIp.isEmpty() ? bindIp : hostIp,
                        hostPort.isEmpty() ? 0 : Integer.parseInt(hostPort)));
            }
        });
        if (c.hostConfig().path("PublishAllPorts").asBoolean(false)) {
            c.config().path("ExposedPorts").fieldNames().forEachRemaining(k -> {
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
