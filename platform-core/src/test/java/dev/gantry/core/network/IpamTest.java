package dev.gantry.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.core.EngineException;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IPAM as dockerd's: several pools, IPv6, auxiliary addresses, overlap rules, and the records that survive a restart. */
class IpamTest {
    private Path root;
    private StateStore state;
    private NetworkStore store;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("gantry-ipam-");
        state = StateStore.open(root);
        store = new NetworkStore(state, new EventBus(16));
    }

    @AfterEach
    void tearDown() {
        state.close();
        dev.gantry.core.layer.FileTrees.deleteQuietly(root);
    }

    private static NetworkStore.PoolRequest pool(String subnet, Map<String, String> aux) {
        return new NetworkStore.PoolRequest(Optional.of(subnet), Optional.empty(), Optional.empty(), aux);
    }

    private NetworkRecord create(String name, boolean v6, NetworkStore.PoolRequest... pools) {
        return store.create(new NetworkStore.Request(name, "bridge", List.of(pools), v6, false, false, Map.of(), Map.of()));
    }

    private static String ip(NetworkStore s, NetworkRecord n, String container) {
        return s.allocate(n, container, NetworkStore.Wanted.nothing(), List.of(), List.of()).address();
    }

    @Test
    void auxiliaryAddressesAreNeverHandedOut() {
        NetworkRecord n = create("aux", false, pool("10.88.1.0/29", Map.of("router", "10.88.1.2", "printer", "10.88.1.3")));
        assertEquals("10.88.1.4", ip(store, n, "a".repeat(64)));
        assertEquals("10.88.1.5", ip(store, n, "b".repeat(64)));
        var taken = assertThrows(EngineException.class, () -> store.allocate(n, "c".repeat(64),
                new NetworkStore.Wanted(Optional.of("10.88.1.2"), Optional.empty(), Optional.empty(), List.of()), List.of(), List.of()));
        assertEquals("Address already in use", taken.getMessage());
        var outside = assertThrows(EngineException.class, () -> create("aux2", false, pool("10.88.2.0/24", Map.of("x", "10.9.9.9"))));
        assertTrue(outside.getMessage().contains("auxiliary address"), outside.getMessage());
    }

    @Test
    void severalPoolsFillInOrderAndIpv6Follows() {
        NetworkRecord n = create("multi", true, pool("10.88.3.0/30", Map.of()), pool("10.88.4.0/24", Map.of()),
                pool("fd00:88:4::/64", Map.of()));
        assertEquals(List.of("10.88.3.0/30", "10.88.4.0/24", "fd00:88:4::/64"), n.pools().stream().map(Pool::subnet).toList());
        EndpointRecord first = store.allocate(n, "a".repeat(64), NetworkStore.Wanted.nothing(), List.of(), List.of());
        assertEquals("10.88.3.2", first.address());
        assertEquals("fd00:88:4::2", first.address6());
        assertEquals("10.88.4.2", ip(store, n, "b".repeat(64)), "the /30 has one address besides its gateway");
        assertEquals(24, n.prefixLength("10.88.4.2"));
    }

    @Test
    void ipv6WithoutSubnetGetsAUniqueLocalSlash64() {
        NetworkRecord n = create("auto6", true);
        Pool p6 = n.pool6().orElseThrow();
        assertTrue(p6.subnet().startsWith("fd") && p6.subnet().endsWith("::/64"), p6.subnet());
        assertTrue(n.pool4().isPresent());
    }

    @Test
    void overlapsAreForbiddenAsInDockerd() {
        create("first", false, pool("10.88.5.0/24", Map.of()));
        var overlap = assertThrows(EngineException.class, () -> create("second", false, pool("10.88.5.128/25", Map.of())));
        assertEquals(EngineException.Kind.FORBIDDEN, overlap.kind());
        assertEquals("invalid pool request: Pool overlaps with other one on this address space", overlap.getMessage());
        var own = assertThrows(EngineException.class, () -> create("third", false, pool("10.88.6.0/24", Map.of()),
                pool("10.88.6.0/25", Map.of())));
        assertEquals(EngineException.Kind.FORBIDDEN, own.kind());
        var v6Off = assertThrows(EngineException.class, () -> create("fourth", false, pool("fd00:88:7::/64", Map.of())));
        assertEquals(EngineException.Kind.INVALID, v6Off.kind());
        var duplicate = assertThrows(EngineException.class, () -> create("first", false));
        assertEquals(EngineException.Kind.CONFLICT, duplicate.kind());
        assertEquals("network with name first already exists", duplicate.getMessage());
    }

    @Test
    void ipv6TextIsCanonical() {
        assertEquals("fd00:db8:1::2", Cidr.canonical("fd00:0db8:0001:0:0:0:0:2"));
        assertEquals("fd00::1:0:0:2", Cidr.canonical("fd00:0:0:0:1::2"));
        assertEquals("::1", Cidr.canonical("0:0:0:0:0:0:0:1"));
        assertThrows(EngineException.class, () -> Cidr.parse("fd00::/130"));
        assertThrows(EngineException.class, () -> Cidr.address("example.com"));
    }

    @Test
    void narrowHostRoutesAreStepsAroundNotErrors() {
        assertEquals(Optional.of("172.18.0.0/16"), Subnets.free(List.of("172.17.3.4/32", "10.0.0.0/31")));
    }

    @Test
    void networksStoredWithOneSubnetAreReadAsOnePool() {
        String id = "ab".repeat(32);
        state.transaction(c -> {
            try (var st = c.prepareStatement("INSERT INTO networks (id, name, doc) VALUES (?, ?, ?)")) {
                st.setString(1, id);
                st.setString(2, "old");
                st.setString(3, "{\"id\":\"" + id + "\",\"name\":\"old\",\"driver\":\"bridge\",\"subnet\":\"10.88.10.0/24\","
                        + "\"gateway\":\"10.88.10.1\",\"internal\":false,\"attachable\":false,\"labels\":{},\"options\":{},"
                        + "\"created\":\"2026-01-01T00:00:00Z\",\"builtIn\":false,\"ipRange\":\"10.88.10.128/25\",\"configured\":true}");
                st.executeUpdate();
            }
            return null;
        });
        NetworkRecord old = new NetworkStore(state, new EventBus(16)).resolve("old");
        assertEquals(List.of(new Pool("10.88.10.0/24", "10.88.10.1", "10.88.10.128/25", Map.of(), true)), old.pools());
        assertTrue(old.configured());
    }

    @Test
    void recordsReadBackAfterARestart() {
        NetworkRecord n = create("kept", true, pool("10.88.9.0/24", Map.of("gw2", "10.88.9.254")));
        NetworkStore again = new NetworkStore(state, new EventBus(16));
        assertEquals(n, again.resolve("kept"));
    }
}
