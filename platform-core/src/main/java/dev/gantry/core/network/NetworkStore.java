package dev.gantry.core.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.gantry.core.EngineException;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.state.Documents;
import dev.gantry.core.state.StateStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Networks and their endpoints in the state store, with IPAM: a network's subnet comes from the pools (never one
 * that overlaps a host route or another network) unless given; an address is never handed out twice while in use
 * (the endpoints table has it unique per network).
 */
public final class NetworkStore {
    public static final Set<String> BUILT_IN = Set.of("bridge", "host", "none");
    private final StateStore state;
    private final EventBus events;
    private final Map<String, NetworkRecord> byId = new ConcurrentHashMap<>();
    private final EndpointIndex endpoints = new EndpointIndex();

    public NetworkStore(StateStore state, EventBus events) {
        this.state = state;
        this.events = events;
        state.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT doc FROM networks"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    NetworkRecord n = read(Documents.MAPPER.readTree(rs.getString(1)));
                    byId.put(n.id(), n);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable network record: " + e.getMessage(), e);
            }
            return null;
        });
        endpoints.load(readEndpoints("SELECT doc FROM endpoints ORDER BY rowid"));
    }

    /** Makes the built-in networks the first time: bridge (when a bridge driver exists), host and none. */
    public void ensureBuiltIns(boolean bridgeAvailable) {
        if (find("host").isEmpty()) {
            insert(record("host", "host", List.of(), Map.of()));
        }
        if (find("none").isEmpty()) {
            insert(record("none", "null", List.of(), Map.of()));
        }
        if (bridgeAvailable && find("bridge").isEmpty()) {
            String subnet = freeSubnet();
            insert(record("bridge", "bridge", List.of(new Pool(subnet, gatewayOf(subnet), "", Map.of(), false)),
                    Map.of("com.docker.network.bridge.default_bridge", "true")));
        }
    }

    public List<NetworkRecord> list() {
        List<NetworkRecord> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(NetworkRecord::name));
        return all;
    }

    /** By full ID, name, or unique ID prefix, as Docker resolves networks. */
    public Optional<NetworkRecord> find(String ref) {
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        NetworkRecord exact = byId.get(ref);
        if (exact != null) {
            return Optional.of(exact);
        }
        Optional<NetworkRecord> named = byId.values().stream().filter(n -> n.name().equals(ref)).findFirst();
        if (named.isPresent()) {
            return named;
        }
        List<NetworkRecord> prefixed = byId.values().stream().filter(n -> n.id().startsWith(ref)).toList();
        return prefixed.size() == 1 ? Optional.of(prefixed.getFirst()) : Optional.empty();
    }

    public NetworkRecord resolve(String ref) {
        return find(ref).orElseThrow(() -> EngineException.notFound("network " + ref + " not found"));
    }

    /** What {@code network create} asks for: its IPAM pools (possibly none, then IPAM chooses) and settings. */
    public record Request(String name, String driver, List<PoolRequest> pools, boolean enableIPv6, boolean internal,
                          boolean attachable, Map<String, String> labels, Map<String, String> options) {
        public Request {
            pools = List.copyOf(pools);
        }
    }

    /** One {@code IPAM.Config} entry: a subnet, and inside it the gateway, ip-range and reserved addresses. */
    public record PoolRequest(Optional<String> subnet, Optional<String> gateway, Optional<String> ipRange,
                              Map<String, String> auxiliary) {
    }

    public synchronized NetworkRecord create(Request r) {
        if (find(r.name()).filter(n -> n.name().equals(r.name())).isPresent()) {
            throw EngineException.conflict("network with name " + r.name() + " already exists");
        }
        BridgeOptions.check(r.options(), byId.values());
        List<Pool> pools = Ipam.plan(r.pools().stream().map(p -> new Ipam.PoolRequest(p.subnet(), p.gateway(), p.ipRange(),
                p.auxiliary())).toList(), r.enableIPv6(), byId.values(), this::freeSubnet);
        NetworkRecord n = new NetworkRecord(dev.gantry.core.Ids.random(), r.name(), r.driver(), pools, r.internal(),
                r.attachable(), r.enableIPv6(), r.labels(), r.options(), Instant.now(), false);
        insert(n);
        return n;
    }

    /** A stored network; those stored before networks had several pools carry one subnet of their own. */
    private static NetworkRecord read(com.fasterxml.jackson.databind.JsonNode doc) throws JsonProcessingException {
        if (!doc.has("pools") && !doc.path("subnet").asText("").isEmpty()) {
            var upgraded = (com.fasterxml.jackson.databind.node.ObjectNode) doc.deepCopy();
            var pool = upgraded.putArray("pools").addObject();
            pool.put("subnet", doc.path("subnet").asText()).put("gateway", doc.path("gateway").asText())
                    .put("ipRange", doc.path("ipRange").asText("")).put("configured", doc.path("configured").asBoolean());
            doc = upgraded;
        }
        return Documents.MAPPER.treeToValue(doc, NetworkRecord.class);
    }

    public synchronized void remove(NetworkRecord n) {
        state.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM networks WHERE id = ?")) {
                s.setString(1, n.id());
                s.executeUpdate();
            }
            return null;
        });
        byId.remove(n.id());
        events.publish(Event.now("network", "destroy", n.id(), Map.of("name", n.name(), "type", n.driver())));
    }

    private NetworkRecord record(String name, String driver, List<Pool> pools, Map<String, String> options) {
        return new NetworkRecord(dev.gantry.core.Ids.random(), name, driver, pools, false, false, false, Map.of(), options,
                Instant.now(), true);
    }

    private void insert(NetworkRecord n) {
        state.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO networks (id, name, doc) VALUES (?, ?, ?)")) {
                s.setString(1, n.id());
                s.setString(2, n.name());
                s.setString(3, json(n));
                s.executeUpdate();
            }
            return null;
        });
        byId.put(n.id(), n);
        events.publish(Event.now("network", "create", n.id(), Map.of("name", n.name(), "type", n.driver())));
    }

    private String freeSubnet() {
        List<String> taken = new ArrayList<>(Subnets.hostRoutes());
        byId.values().stream().flatMap(n -> n.pools().stream()).filter(p -> !p.v6()).map(Pool::subnet).forEach(taken::add);
        return Subnets.free(taken).orElseThrow(() -> EngineException.failed(
                "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network", null));
    }

    private static String gatewayOf(String cidr) {
        return Subnets.format(Subnets.base(cidr) + 1);
    }

    // ---- endpoints and addresses ----

    /** A network's endpoints, by container ID; from memory, never blocks. */
    public List<EndpointRecord> endpoints(String networkId) {
        return endpoints.ofNetwork(networkId);
    }

    /** A container's endpoints, in the order they were made; from memory, never blocks. */
    public List<EndpointRecord> endpointsOf(String containerId) {
        return endpoints.ofContainer(containerId);
    }

    private List<EndpointRecord> readEndpoints(String sql) {
        return state.read(c -> {
            List<EndpointRecord> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                ResultSet rs = s.executeQuery();
                while (rs.next()) {
                    out.add(Documents.MAPPER.readValue(rs.getString(1), new TypeReference<EndpointRecord>() { }));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return out;
        });
    }

    /** The addresses and MAC an endpoint asks for; empty ones are chosen by IPAM. */
    public record Wanted(Optional<String> ipv4, Optional<String> ipv6, Optional<String> mac, List<String> linkLocal) {
        public Wanted {
            linkLocal = List.copyOf(linkLocal);
        }

        public static Wanted nothing() {
            return new Wanted(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        }
    }

    /**
     * Gives a container its addresses on a network (the requested ones, or the first free: IPv4, and IPv6 when
     * the network has it) and records them.
     */
    public synchronized EndpointRecord allocate(NetworkRecord n, String containerId, Wanted wanted,
                                                List<EndpointRecord.Port> ports, List<String> aliases) {
        Set<String> used = new java.util.HashSet<>();
        for (EndpointRecord e : endpoints(n.id())) {
            if (e.containerId().equals(containerId)) {
                return e;
            }
            used.add(e.address());
            if (!e.address6().isEmpty()) {
                used.add(e.address6());
            }
        }
        String ip = Ipam.pick(n, false, wanted.ipv4(), used);
        String ip6 = n.pool6().isPresent() ? Ipam.pick(n, true, wanted.ipv6(), used) : "";
        String mac = wanted.mac().orElseGet(() -> mac(Subnets.parse(ip)));
        EndpointRecord e = new EndpointRecord(n.id(), containerId, dev.gantry.core.Ids.random(), ip, mac, ports, aliases,
                ip6, wanted.linkLocal());
        state.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO endpoints (network, container, address, doc) VALUES (?, ?, ?, ?)")) {
                s.setString(1, n.id());
                s.setString(2, containerId);
                s.setString(3, ip);
                s.setString(4, Documents.MAPPER.writeValueAsString(e));
                s.executeUpdate();
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
            return null;
        });
        endpoints.added(e);
        return e;
    }

    public synchronized void release(String networkId, String containerId) {
        state.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM endpoints WHERE network = ? AND container = ?")) {
                s.setString(1, networkId);
                s.setString(2, containerId);
                s.executeUpdate();
            }
            return null;
        });
        endpoints.removed(networkId, containerId);
    }

    private static String mac(long address) {
        return String.format("02:42:%02x:%02x:%02x:%02x", (address >> 24) & 255, (address >> 16) & 255, (address >> 8) & 255, address & 255);
    }


    private static String json(NetworkRecord n) {
        try {
            return Documents.MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
