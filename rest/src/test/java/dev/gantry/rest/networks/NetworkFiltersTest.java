package dev.gantry.rest.networks;

import dev.gantry.core.EngineException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gantry.core.network.NetworkRecord;
import dev.gantry.core.network.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Every documented network list filter, in both forms, with dockerd's matching and its refusals. */
class NetworkFiltersTest {
    private static final NetworkRecord BRIDGE = network("bridge", "a1".repeat(32), true, Map.of());
    private static final NetworkRecord FRONT = network("front", "b2".repeat(32), false, Map.of("team", "web", "tier", "1"));
    private static final NetworkRecord BACK = network("back", "c3".repeat(32), false, Map.of("team", "db"));
    private static final List<NetworkRecord> ALL = List.of(BRIDGE, FRONT, BACK);

    private static NetworkRecord network(String name, String id, boolean builtIn, Map<String, String> labels) {
        return new NetworkRecord(id, name, "bridge", List.of(new Pool("10.9.0.0/24", "10.9.0.1", "", Map.of(), false)),
                false, false, false, labels, Map.of(), Instant.now(), builtIn);
    }

    private static List<String> kept(String filters) {
        // FRONT has containers, BACK has none
        Predicate<NetworkRecord> keep = NetworkFilters.parse(filters, n -> n == FRONT);
        return ALL.stream().filter(keep).map(NetworkRecord::name).toList();
    }

    @Test
    void eachFilter() {
        assertEquals(List.of("front"), kept("{\"name\":[\"fro\"]}"));
        assertEquals(List.of("front", "back"), kept("{\"name\":{\"^(front|back)$\":true}}"));
        assertEquals(List.of("back"), kept("{\"id\":[\"c3c3c3\"]}"));
        assertEquals(List.of("bridge", "front", "back"), kept("{\"driver\":[\"bridge\"]}"));
        assertEquals(List.of(), kept("{\"driver\":[\"overlay\"]}"));
        assertEquals(List.of("front"), kept("{\"label\":[\"team=web\",\"tier\"]}"));
        assertEquals(List.of("front", "back"), kept("{\"label\":{\"team\":true}}"));
        assertEquals(List.of("bridge"), kept("{\"type\":[\"builtin\"]}"));
        assertEquals(List.of("front", "back"), kept("{\"type\":[\"custom\"]}"));
        assertEquals(List.of("bridge", "front", "back"), kept("{\"scope\":[\"local\"]}"));
        assertEquals(List.of(), kept("{\"scope\":[\"swarm\"]}"));
        assertEquals(List.of("back"), kept("{\"dangling\":[\"true\"]}"));
        assertEquals(List.of("bridge", "front"), kept("{\"dangling\":{\"0\":true}}"));
    }

    @Test
    void unreadableValuesAreRefused() {
        assertThrows(EngineException.class, () -> kept("{\"type\":[\"odd\"]}"));
        assertThrows(EngineException.class, () -> kept("{\"dangling\":[\"maybe\"]}"));
        assertThrows(EngineException.class, () -> kept("{\"dangling\":[\"true\",\"false\"]}"));
        assertThrows(EngineException.class, () -> kept("{\"colour\":[\"red\"]}"));
    }
}
