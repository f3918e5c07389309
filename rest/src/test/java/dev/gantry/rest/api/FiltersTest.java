package dev.gantry.rest.api;

import dev.gantry.core.EngineException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersTest {
    @Test
    void readsBothFormsDockerdReads() {
        assertEquals(Map.of("name", Set.of("n1", "n2")), Filters.parse("{\"name\":[\"n1\",\"n2\"]}"));
        assertEquals(Map.of("name", Set.of("n1")), Filters.parse("{\"name\":{\"n1\":true,\"n2\":false}}"));
        assertEquals(Map.of("label", Set.of()), Filters.parse("{\"label\":null}"));
        assertEquals(Map.of(), Filters.parse("null"));
        assertEquals(Map.of(), Filters.parse(""));
    }

    @Test
    void refusesWholeWhatIsNeitherForm() {
        for (String bad : new String[] {"garb1age}", "{\"a\":[\"b\"]}}", "[\"a\"]", "\"a\"", "{\"a\":\"b\"}",
            "{\"a\":[1]}", "{\"a\":{\"b\":\"true\"}}", "{\"a\":[\"b\"],\"c\":{\"d\":true}}"}) {
            var e = assertThrows(EngineException.class, () -> Filters.parse(bad), bad);
            assertEquals("invalid filter", e.getMessage(), bad);
        }
    }

    @Test
    void unknownKeysInDockerdsWords() {
        var e = assertThrows(EngineException.class, () -> Filters.parse("{\"x\":[\"1\"]}", Set.of("label")));
        assertEquals("invalid filter 'x'", e.getMessage());
    }

    @Test
    void booleansAsGetBoolOrDefault() {
        assertTrue(Filters.bool(Map.of(), "dangling", true));
        assertFalse(Filters.bool(Map.of("dangling", Set.of("0")), "dangling", true));
        assertTrue(Filters.bool(Map.of("dangling", Set.of("true")), "dangling", false));
        var e = assertThrows(EngineException.class, () -> Filters.bool(Map.of("dangling", Set.of("maybe")), "dangling", true));
        assertEquals("invalid filter 'dangling=[maybe]'", e.getMessage());
        assertThrows(EngineException.class, () -> Filters.bool(Map.of("dangling", Set.of("1", "false")), "dangling", true));
    }

    @Test
    void pruneLabelsUntilAndTheirRefusals() {
        var f = PruneFilters.parse("{\"label\":[\"a\"],\"label!\":[\"keep=yes\"],\"until\":[\"1h\"]}", PruneFilters.COMMON);
        Instant old = Instant.now().minusSeconds(7200);
        assertTrue(f.selects(old, Map.of("a", "1")));
        assertFalse(f.selects(old, Map.of("b", "1")), "label missing");
        assertFalse(f.selects(old, Map.of("a", "1", "keep", "yes")), "label! excludes");
        assertTrue(f.selects(old, Map.of("a", "1", "keep", "no")));
        assertFalse(f.selects(Instant.now(), Map.of("a", "1")), "newer than until");
        assertEquals("more than one until filter specified", assertThrows(EngineException.class,
                () -> PruneFilters.parse("{\"until\":[\"1h\",\"2h\"]}", PruneFilters.COMMON)).getMessage());
        assertEquals("failed to parse value as time or duration: \"soon\"", assertThrows(EngineException.class,
                () -> PruneFilters.parse("{\"until\":[\"soon\"]}", PruneFilters.COMMON)).getMessage());
        assertEquals("invalid filter 'dangling'", assertThrows(EngineException.class,
                () -> PruneFilters.parse("{\"dangling\":[\"true\"]}", PruneFilters.COMMON)).getMessage());
    }

    @Test
    void untilTakesWhatTheCliSends() {
        Instant ref = Instant.parse("2025-06-01T12:00:00Z");
        assertEquals(Instant.parse("2025-06-01T10:30:00Z"), DockerTime.instant("1h30m", ref));
        assertEquals(Instant.parse("2025-05-31T12:00:00Z"), DockerTime.instant("24h", ref));
        assertEquals(Instant.parse("2025-06-01T11:59:59.500Z"), DockerTime.instant("500ms", ref));
        assertEquals(Instant.ofEpochSecond(1700000000, 500_000_000), DockerTime.instant("1700000000.5", ref));
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), DockerTime.instant("2024-01-02T03:04:05Z", ref));
        assertEquals(Instant.parse("2024-01-02T02:04:05.123Z"), DockerTime.instant("2024-01-02T03:04:05.123+01:00", ref));
        assertEquals(Instant.parse("2024-01-02T03:04:00Z"), DockerTime.instant("2024-01-02T03:04Z", ref));
        assertEquals(Instant.parse("2024-01-02T00:00:00Z"), DockerTime.instant("2024-01-02Z", ref));
        assertEquals(Instant.EPOCH, DockerTime.instant("0", ref));
        assertThrows(EngineException.class, () -> DockerTime.instant("2024-13-45", ref));
    }

    @Test
    void queryStringsAsGoReadsThem() {
        assertTrue(QueryStrings.problem("filters={\"name\":[\"n1\"]}&all=1").isEmpty());
        assertTrue(QueryStrings.problem("filters=%7B%22a%22%7D|^`").isEmpty());
        assertEquals("invalid URL escape \"%zz\"", QueryStrings.problem("filters=%zz").orElseThrow());
        assertEquals("invalid URL escape \"%4\"", QueryStrings.problem("a=1&filters=%4").orElseThrow());
        assertEquals("invalid semicolon separator in query", QueryStrings.problem("a=1;b=2").orElseThrow());
    }

    @Test
    void contentTypesThatAreNoMediaType() {
        assertTrue(ContentTypes.readable("application/x-tar"));
        assertTrue(ContentTypes.readable("application/json; charset=utf-8"));
        assertFalse(ContentTypes.readable("APPLICATION_X_TAR"));
        assertFalse(ContentTypes.readable(""));
    }
}
