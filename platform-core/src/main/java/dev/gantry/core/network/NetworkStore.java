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

    public NetworkStore(StateStore state, EventBus events) {
        this.state = state;
        this.events = events;
        state.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT doc FROM networks"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    NetworkRecord n = Documents.MAPPER.readValue(rs.getString(1), NetworkRecord.class);
                    byId.put(n.id(), n);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable network record: " + e.getMessage(), e);
            }
            return null;
        });
    }

    /** Makes the built-in networks the first time: bridge (when a bridge driver exists), host and none. */
    public void ensureBuiltIns(boolean bridgeAvailable) {
        if (find("host").isEmpty()) {
            insert(record("host", "host", "", "", false, Map.of(), Map.of(), true));
        }
        if (find("none").isEmpty()) {
            insert(record("none", "null", "", "", false, Map.of(), Map.of(), true));
        }
        if (bridgeAvailable && find("bridge").isEmpty()) {
            String subnet = freeSubnet();
            insert(record("bridge", "bridge", subnet, gatewayOf(subnet), false, Map.of(),
                    Map.of("com.docker.network.bridge.default_bridge", "true"), true));
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

    /** What {@code network create} asks for; empty optionals are chosen by IPAM. */
    public record Request(String name, String driver, Optional<String> subnet, Optional<String> gateway,
                          Optional<String> ipRange, boolean internal, boolean attachable, Map<String, String> labels,
                          Map<String, String> options) {
    }

    public synchronized NetworkRecord create(Request r) {
        if (find(r.name()).filter(n -> n.name().equals(r.name())).isPresent()) {
            throw EngineException.conflict("network with name " + r.name() + " already exists");
        }
        String bind = r.options().get(Networking.HOST_BINDING_OPTION);
        if (bind != null) {
            Networking.checkBindIp(bind, Networking.HOST_BINDING_OPTION);
        }
        String sub = r.subnet().orElseGet(this::freeSubnet);
        String cidr = normalize(sub);
        for (NetworkRecord n : byId.values()) {
            if (!n.subnet().isEmpty() && Subnets.overlaps(n.subnet(), cidr)) {
                throw EngineException.invalid("Pool overlaps with other one on this address space");
            }
        }
        String range = r.ipRange().map(NetworkStore::normalize).orElse("");
        if (!range.isEmpty() && (Subnets.prefix(range) < Subnets.prefix(cidr) || !Subnets.contains(cidr, Subnets.base(range)))) {
            throw EngineException.invalid("invalid ip-range " + range + ": it is not within subnet " + cidr);
        }
        String gw = r.gateway().orElse(gatewayOf(cidr));
        if (!Subnets.contains(cidr, Subnets.parse(gw))) {
            throw EngineException.invalid("invalid gateway " + gw + ": not in subnet " + cidr);
        }
        NetworkRecord n = new NetworkRecord(dev.gantry.core.Ids.random(), r.name(), r.driver(), cidr, gw, r.internal(),
                r.attachable(), r.labels(), r.options(), Instant.now(), false, range, r.subnet().isPresent());
        insert(n);
        return n;
    }

    private static String normalize(String cidr) {
        if (!cidr.contains("/")) {
            throw EngineException.invalid("invalid CIDR address: " + cidr);
        }
        Subnets.prefix(cidr);
        return Subnets.format(Subnets.base(cidr)) + "/" + Subnets.prefix(cidr);
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

    private NetworkRecord record(String name, String driver, String subnet, String gateway, boolean internal,
                                 Map<String, String> labels, Map<String, String> options, boolean builtIn) {
        return new NetworkRecord(dev.gantry.core.Ids.random(), name, driver, subnet, gateway, internal, false, labels, options,
                Instant.now(), builtIn, "", false);
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
        byId.values().stream().map(NetworkRecord::subnet).filter(s -> !s.isEmpty()).forEach(taken::add);
        return Subnets.free(taken).orElseThrow(() -> EngineException.failed(
                "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network", null));
    }

    private static String gatewayOf(String cidr) {
        return Subnets.format(Subnets.base(cidr) + 1);
    }

    // ---- endpoints and addresses ----

    public List<EndpointRecord> endpoints(String networkId) {
        return readEndpoints("SELECT doc FROM endpoints WHERE network = ?", networkId);
    }

    public List<EndpointRecord> endpointsOf(String containerId) {
        return readEndpoints("SELECT doc FROM endpoints WHERE container = ?", containerId);
    }

    private List<EndpointRecord> readEndpoints(String sql, String key) {
        return state.read(c -> {
            List<EndpointRecord> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, key);
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

    /** Gives a container an address on a network (the requested one, or the first free) and records it. */
    public synchronized EndpointRecord allocate(NetworkRecord n, String containerId, Optional<String> requested,
                                                List<EndpointRecord.Port> ports, List<String> aliases) {
        Set<Long> used = new java.util.HashSet<>();
        for (EndpointRecord e : endpoints(n.id())) {
            if (e.containerId().equals(containerId)) {
                return e;
            }
            used.add(Subnets.parse(e.address()));
        }
        long base = Subnets.base(n.subnet());
        long gw = Subnets.parse(n.gateway());
        long address;
        if (requested.isPresent()) {
            address = Subnets.parse(requested.get());
            if (!Subnets.contains(n.subnet(), address)) {
                throw EngineException.invalid("no configured subnet contains IP address " + requested.get());
            }
            if (used.contains(address) || address == gw) {
                throw EngineException.conflict("Address already in use");
            }
        } else {
            address = -1;
            String pool = n.ipRange().isEmpty() ? n.subnet() : n.ipRange();
            long first = Math.max(Subnets.base(pool), base + 1);
            long end = Math.min(Subnets.base(pool) + Subnets.size(pool), base + Subnets.size(n.subnet()) - 1);
            for (long a = first; a < end; a++) {
                if (a != gw && !used.contains(a)) {
                    address = a;
                    break;
                }
            }
            if (address < 0) {
                throw EngineException.failed("no available IPv4 addresses on this network's address pools: " + n.name(), null);
            }
        }
        String ip = Subnets.format(address);
        EndpointRecord e = new EndpointRecord(n.id(), containerId, dev.gantry.core.Ids.random(), ip, mac(address), ports, aliases);
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
