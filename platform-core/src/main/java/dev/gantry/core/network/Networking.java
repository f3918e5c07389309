package dev.gantry.core.network;

import java.util.LinkedHashMap;
import dev.gantry.core.container.config.EndpointConfig;
import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.Spans;
import io.opentelemetry.api.trace.Tracer;
import dev.gantry.core.EngineException;
import dev.gantry.core.container.Container;
import dev.gantry.core.container.ContainerNetworks;
import dev.gantry.spi.plugin.PluginException;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.plugin.PluginRegistry;
import dev.gantry.core.sys.Syscalls;
import dev.gantry.spi.network.EndpointSpec;
import dev.gantry.spi.network.NamespaceMode;
import dev.gantry.spi.network.NetworkDriver;
import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.plugin.PluginKind;
import java.io.IOException;
import java.net.InetSocketAddress;
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
public final class Networking implements ContainerNetworks, AutoCloseable {
    private static final Path NETNS = Path.of("/run/netns");
    private final NetworkStore store;
    private final PluginRegistry plugins;
    private final EventBus events;
    private final Tracer tracer;
    private final NameDirectory names;
    private final DnsResponder dns;
    private final PublishedPorts published;
    private volatile Links links = new Links(ref -> Optional.empty());

    public Networking(NetworkStore store, PluginRegistry plugins, EventBus events, Tracer tracer, NameDirectory names,
                      List<InetSocketAddress> upstreams, String defaultBindIp) {
        this.store = store;
        this.published = new PublishedPorts(store, defaultBindIp);
        this.plugins = plugins;
        this.events = events;
        this.tracer = tracer;
        this.names = names;
        this.dns = new DnsResponder(names, upstreams);
    }

    @Override
    public void containers(java.util.function.Function<String, Optional<Container>> lookup) {
        links = new Links(lookup);
        names.links(links::aliases);
    }

    @Override
    public Container linked(Container c) {
        return links.applied(c, store);
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

    private static String mode(HostConfig hostConfig) {
        String mode = hostConfig.networkMode();
        return mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
    }

    /** How the network a NetworkMode (or a network reference) names is joined, asked of its driver. */
    private JoinMode joinMode(String network) {
        Optional<NetworkRecord> n = network.equals("bridge") ? store.find("bridge") : Optional.of(store.resolve(network));
        return JoinMode.of(n, this::driver);
    }

    private JoinMode joinMode(NetworkRecord n) {
        return JoinMode.of(Optional.of(n), this::driver);
    }

    private Optional<NetworkDriver> driver(String plugin) {
        try {
            return Optional.of(plugins.get(PluginKind.NETWORK, plugin, NetworkDriver.class));
        } catch (PluginException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code network create} may use this driver: a usable network plugin whose networks get endpoints.
     * Docker's {@code host} and {@code none} networks exist once, so their drivers make no other.
     */
    public void checkCreatable(String plugin) {
        Optional<NetworkDriver> d = driver(plugin).filter(x -> x.namespaceMode() != NamespaceMode.HOST);
        if (d.isEmpty() || NetworkStore.BUILT_IN.contains(plugin) && !plugin.equals("bridge")) {
            throw EngineException.notFound("plugin \"" + plugin + "\" not found");
        }
    }

    /** {@code network create}, as a step the crash suite can halt at: the record is the whole of it. */
    public NetworkRecord create(NetworkStore.Request request) {
        return Spans.child(tracer, "network.create", () -> store.create(request));
    }

    /**
     * The networks a new container joins, keyed by network name: the one its NetworkMode names first, then the
     * others the request lists (by name or ID). Checked now, so a start cannot fail on them. {@code legacyMac} is
     * the container-wide {@code Config.MacAddress} of clients older than API 1.44, which dockerd moves to the
     * endpoint of the {@code NetworkMode} network unless that one names a MAC of its own.
     */
    @Override
    public Map<String, EndpointConfig> endpointsAtCreate(HostConfig hostConfig, Map<String, EndpointConfig> requested,
                                                         String legacyMac) {
        Map<String, EndpointConfig> out = endpointsOf(hostConfig, requested);
        var first = out.entrySet().stream().findFirst();
        if (!legacyMac.isEmpty() && first.isPresent() && first.get().getValue().macAddress().isEmpty()) {
            out.put(first.get().getKey(), first.get().getValue().withMacAddress(Macs.parse(legacyMac)));
        }
        return out;
    }

    private Map<String, EndpointConfig> endpointsOf(HostConfig hostConfig, Map<String, EndpointConfig> requested) {
        String mode = mode(hostConfig);
        if (mode.startsWith("container:")) {
            throw EngineException.invalid("network mode container: is not supported by Gantry");
        }
        Map<String, EndpointConfig> out = new LinkedHashMap<>();
        JoinMode join = joinMode(mode);
        if (join == JoinMode.HOST) {
            links.check(hostConfig, mode);
        }
        if (join != JoinMode.ENDPOINTS) {
            for (String name : requested.keySet()) {
                if (!name.equals(mode)) {
                    throw EngineException.invalid(join == JoinMode.HOST
                            ? "container cannot be disconnected from host network or connected to host network"
                            : "container cannot be connected to multiple networks with one of the networks in private (none) mode");
                }
            }
            return out;
        }
        links.check(hostConfig, mode);
        NetworkRecord primary = store.resolve(mode);
        EndpointConfig primarySettings = requested.containsKey(mode) ? requested.get(mode)
                : requested.containsKey("default") && mode.equals("bridge") ? requested.get("default")
                : requested.getOrDefault(primary.name(), EndpointConfig.none());
        EndpointConfig primaryKept = EndpointSettings.checked(primary, primarySettings);
        if (primary.resolvesNames() && !Links.of(hostConfig).isEmpty()) {
            // on a user-defined network a link is an alias only this container resolves, and shows there
            primaryKept = primaryKept.withLinks(Links.endpointLinks(hostConfig));
        }
        out.put(primary.name(), primaryKept);
        requested.forEach((key, settings) -> {
            // the CLI names the default network "default"
            NetworkRecord n = store.resolve(key.equals("default") ? "bridge" : key);
            if (joinMode(n) != JoinMode.ENDPOINTS) {
                throw EngineException.invalid("container cannot be disconnected from host network or connected to host network");
            }
            if (!out.containsKey(n.name())) {
                out.put(n.name(), EndpointSettings.checked(n, settings));
            }
        });
        return out;
    }

    /** Joins the container to every network it has, at start. Nothing is left of it when this fails. */
    @Override
    public Attachment attach(Container c) {
        switch (joinMode(mode(c))) {
            case HOST -> {
                return new Attachment("host", Optional.empty(), false);
            }
            case LOOPBACK -> {
                return new Attachment("", Optional.empty(), false);
            }
            case ENDPOINTS -> { }
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
            boolean routed = false;
            for (var entry : c.networks().entrySet()) {
                NetworkRecord n = store.find(entry.getKey()).orElseThrow(() ->
                        EngineException.notFound("network " + entry.getKey() + " not found"));
                // the default route goes out through the first network that has a way out, as Docker picks it
                boolean gateway = !routed && !n.internal();
                EndpointRecord e = join(c, n, entry.getValue(), path, gateway);
                routed |= gateway;
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

    /** One network's endpoint: the host side of the network, an address, the interface and the port rules. */
    private EndpointRecord join(Container c, NetworkRecord n, EndpointConfig settings, Path netns, boolean gateway) {
        NetworkDriver driver = plugins.get(PluginKind.NETWORK, n.driver(), NetworkDriver.class);
        NetworkSpec spec = spec(n);
        Spans.child(tracer, "network.bridge", () -> {
            driver.createNetwork(spec);
            return null;
        });
        // published ports go through the network that carries the default route, as Docker's do
        List<EndpointRecord.Port> ports = gateway ? Spans.child(tracer, "network.ports", () -> {
            List<EndpointRecord.Port> p = PublishedPorts.of(c, published.bindIp(n));
            published.checkFree(p);
            return p;
        }) : List.of();
        EndpointRecord e = Spans.child(tracer, "network.address", () ->
                store.allocate(n, c.id(), EndpointSettings.wanted(settings), ports, settings.aliases()));
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
    public boolean connect(Container c, NetworkRecord n, EndpointConfig settings) {
        Path netns = namespace(c);
        if (!Files.exists(netns)) {
            throw EngineException.failed("container " + c.name() + " has no network namespace", null);
        }
        boolean gateway = !n.internal() && store.endpointsOf(c.id()).stream()
                .noneMatch(e -> store.find(e.networkId()).filter(r -> !r.internal()).isPresent());
        join(c, n, settings, netns, gateway);
        if (n.resolvesNames() && !dns.serving(c.id())) {
            openDnsQuietly(c, netns);
            return dns.serving(c.id());
        }
        return false;
    }

    @Override
    public Connected connect(Container c, String networkRef, EndpointConfig settings, boolean running) {
        NetworkRecord n = store.resolve(networkRef);
        Map<String, EndpointConfig> next = connectable(c, n, settings);
        return new Connected(next, running && connect(c, n, next.get(n.name())));
    }

    @Override
    public Map<String, EndpointConfig> disconnect(Container c, String networkRef, boolean force, boolean running) {
        Optional<NetworkRecord> found = store.find(networkRef);
        if (found.isEmpty() && !force) {
            throw EngineException.notFound("network " + networkRef + " not found");
        }
        Map<String, EndpointConfig> next = disconnectable(c, found.map(NetworkRecord::name).orElse(networkRef));
        if (running && found.isPresent()) {
            disconnect(c, found.get());
        }
        return next;
    }

    @Override
    public Optional<HostConfig> unlinked(HostConfig hostConfig, String alias) {
        return Links.without(hostConfig, alias);
    }

    /** Checks a {@code network connect} and gives the container's networks with the new one. */
    public Map<String, EndpointConfig> connectable(Container c, NetworkRecord n, EndpointConfig settings) {
        JoinMode mode = joinMode(mode(c));
        JoinMode network = joinMode(n);
        if (mode == JoinMode.HOST || network == JoinMode.HOST) {
            throw EngineException.invalid("container cannot be disconnected from host network or connected to host network");
        }
        if (mode == JoinMode.LOOPBACK || network == JoinMode.LOOPBACK) {
            throw EngineException.invalid("container cannot be connected to multiple networks with one of the networks in private (none) mode");
        }
        if (c.networks().containsKey(n.name())) {
            throw new EngineException(EngineException.Kind.FORBIDDEN, "endpoint with name " + c.name()
                    + " already exists in network " + n.name());
        }
        Map<String, EndpointConfig> next = new LinkedHashMap<>(c.networks());
        next.put(n.name(), EndpointSettings.checked(n, settings));
        return next;
    }

    /** Checks a {@code network disconnect} and gives the container's networks without that one. */
    public Map<String, EndpointConfig> disconnectable(Container c, String networkName) {
        if (joinMode(mode(c)) == JoinMode.HOST
                || store.find(networkName).map(this::joinMode).filter(JoinMode.HOST::equals).isPresent()) {
            throw EngineException.invalid("container cannot be disconnected from host network or connected to host network");
        }
        if (!c.networks().containsKey(networkName)) {
            throw new EngineException(EngineException.Kind.FORBIDDEN, "container " + c.id()
                    + " is not connected to network " + networkName);
        }
        Map<String, EndpointConfig> next = new LinkedHashMap<>(c.networks());
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
        boolean carried = c.networks().keySet().stream().findFirst().filter(n.name()::equals).isPresent();
        if (!carried) {
            return;
        }
        for (var entry : c.networks().entrySet()) {
            Optional<NetworkRecord> next = store.find(entry.getKey()).filter(r -> !r.id().equals(n.id()) && !r.internal());
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
    @Override
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
        return Upstreams.parse(c.hostConfig().dnsOrEmpty(), Path.of("/dev/null"));
    }

    private static Path namespace(Container c) {
        return NETNS.resolve("gantry-" + c.shortId());
    }

    /**
     * Takes the container off its networks and drops its namespace. Idempotent. The namespace goes first: with
     * it goes the container's end of each veth pair, and so the pair, so the driver usually finds nothing left.
     */
    @Override
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
        if (!n.pools().isEmpty()) {
            driver(JoinMode.pluginName(n)).ifPresent(d -> d.deleteNetwork(spec(n)));
        }
        store.remove(n);
    }

    /**
     * Takes down the host side of networks nobody is on (at engine shutdown): a stopped engine leaves no bridge
     * or rule behind; the next attach makes them again.
     */
    public void releaseIdle() {
        for (NetworkRecord n : store.list()) {
            if (!n.pools().isEmpty() && store.endpoints(n.id()).isEmpty()) {
                try {
                    driver(JoinMode.pluginName(n)).ifPresent(d -> d.deleteNetwork(spec(n)));
                } catch (RuntimeException ignored) {
                    // tried again at the next shutdown
                }
            }
        }
    }

    private static NetworkSpec spec(NetworkRecord n) {
        return NetworkSpecs.spec(n);
    }

    private static EndpointSpec endpointSpec(NetworkRecord n, EndpointRecord e, Path netns, boolean gateway) {
        return NetworkSpecs.endpointSpec(n, e, netns, gateway);
    }

    private static void makeNamespace(Path path) {
        NetworkSpecs.makeNamespace(path, NETNS);
    }
}
