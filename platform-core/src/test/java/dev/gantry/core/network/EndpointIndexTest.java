package dev.gantry.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gantry.core.event.EventBus;
import dev.gantry.core.state.Documents;
import dev.gantry.core.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoints held in memory answer what the table's own queries answered (same rows, same order), after
 * allocations, releases, a refused allocation and a restart.
 */
class EndpointIndexTest {
    private Path root;
    private StateStore state;
    private NetworkStore store;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("gantry-endpoints-");
        state = StateStore.open(root);
        store = new NetworkStore(state, new EventBus(16));
    }

    @AfterEach
    void tearDown() {
        state.close();
        dev.gantry.core.layer.FileTrees.deleteQuietly(root);
    }

    private NetworkRecord network(String name, String subnet) {
        return store.create(new NetworkStore.Request(name, "bridge", List.of(new NetworkStore.PoolRequest(
                Optional.of(subnet), Optional.empty(), Optional.empty(), Map.of())), false, false, false, Map.of(), Map.of()));
    }

    private void allocate(NetworkRecord n, String container) {
        store.allocate(n, container, NetworkStore.Wanted.nothing(),
                List.of(new EndpointRecord.Port(80, "tcp", "127.0.0.1", 8080)), List.of("alias-" + container.charAt(0)));
    }

    /** What the store answered before the index: a query per call. */
    private List<EndpointRecord> query(String sql, String key) {
        return state.read(c -> {
            List<EndpointRecord> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, key);
                ResultSet rs = s.executeQuery();
                while (rs.next()) {
                    out.add(Documents.MAPPER.readValue(rs.getString(1), EndpointRecord.class));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return out;
        });
    }

    private void assertAsTable(NetworkStore s, List<NetworkRecord> networks, List<String> containers) {
        for (NetworkRecord n : networks) {
            assertEquals(query("SELECT doc FROM endpoints WHERE network = ?", n.id()), s.endpoints(n.id()), n.name());
        }
        for (String c : containers) {
            assertEquals(query("SELECT doc FROM endpoints WHERE container = ?", c), s.endpointsOf(c), c);
        }
    }

    @Test
    void answersAsTheTableDid() {
        NetworkRecord a = network("a", "10.91.1.0/24");
        NetworkRecord b = network("b", "10.91.2.0/24");
        String c1 = "c".repeat(64);
        String c2 = "1".repeat(64);
        String c3 = "9".repeat(64);
        List<String> containers = List.of(c1, c2, c3);
        allocate(a, c1);
        allocate(b, c1);
        allocate(a, c3);
        allocate(a, c2);
        allocate(b, c2);
        assertAsTable(store, List.of(a, b), containers);
        assertEquals(List.of(c1, c3, c2), store.endpoints(a.id()).stream().map(EndpointRecord::containerId).toList(),
                "a network's endpoints come by address");
        assertEquals(List.of(a.id(), b.id()), store.endpointsOf(c1).stream().map(EndpointRecord::networkId).toList());

        store.release(a.id(), c3);
        store.release(a.id(), c1);
        allocate(a, c1);
        allocate(a, c3);
        assertEquals(List.of(c1, c3, c2), store.endpoints(a.id()).stream().map(EndpointRecord::containerId).toList(),
                "by address, not by when they were made");
        assertEquals(List.of(b.id(), a.id()), store.endpointsOf(c1).stream().map(EndpointRecord::networkId).toList(),
                "a container's endpoints come in the order they were made");
        store.release(b.id(), c2);
        assertAsTable(store, List.of(a, b), containers);

        // an address already in use is refused by the table: nothing of it reaches memory
        assertThrows(RuntimeException.class, () -> store.allocate(b, "e".repeat(64), new NetworkStore.Wanted(
                Optional.of(store.endpointsOf(c1).getFirst().address()), Optional.empty(), Optional.empty(), List.of()),
                List.of(), List.of()));
        assertEquals(List.of(), store.endpointsOf("e".repeat(64)));
        assertAsTable(store, List.of(a, b), containers);

        NetworkStore reopened = new NetworkStore(state, new EventBus(16));
        assertAsTable(reopened, List.of(a, b), containers);
        assertEquals(store.endpointsOf(c1), reopened.endpointsOf(c1));
        assertEquals(List.of(), reopened.endpointsOf("f".repeat(64)));
    }
}
