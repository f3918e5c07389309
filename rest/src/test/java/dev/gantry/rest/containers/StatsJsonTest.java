package dev.gantry.rest.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.core.container.StatsSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsJsonTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static StatsSample running(Instant at, long cpu, List<Long> perCpu, Long maxUsage) {
        return new StatsSample(at, "abc", "/web", 3L, 0, List.of(new StatsSample.BlkioEntry(8, 0, "read", 4096)),
                new StatsSample.Cpu(cpu, perCpu, 10, 20, 1000, 2), new StatsSample.Memory(100, maxUsage, 1 << 20,
                Map.of("rss", 50L)), Map.of("eth0", new StatsSample.NetworkIo(1, 2, 0, 0, 3, 4, 0, 0)));
    }

    @Test
    void firstReadingHasAZeroPreviousCpu() {
        var n = StatsJson.render(running(T, 500, null, null), null);
        assertEquals("0001-01-01T00:00:00Z", n.path("preread").asText());
        assertEquals(0, n.path("precpu_stats").path("cpu_usage").path("total_usage").asLong(-1));
        assertEquals(500, n.path("cpu_stats").path("cpu_usage").path("total_usage").asLong());
        assertFalse(n.path("cpu_stats").path("cpu_usage").has("percpu_usage"));
        assertFalse(n.path("memory_stats").has("max_usage"));
        assertEquals(50, n.path("memory_stats").path("stats").path("rss").asLong());
        assertEquals(3, n.path("pids_stats").path("current").asLong());
        assertFalse(n.path("pids_stats").has("limit"));
        assertEquals("read", n.path("blkio_stats").path("io_service_bytes_recursive").get(0).path("op").asText());
        assertTrue(n.path("blkio_stats").path("io_serviced_recursive").isNull());
        assertEquals(3, n.path("networks").path("eth0").path("tx_bytes").asLong());
    }

    @Test
    void laterReadingsCarryThePreviousOne() {
        var first = running(T, 500, List.of(200L, 300L), 150L);
        var n = StatsJson.render(running(T.plusSeconds(1), 900, List.of(400L, 500L), 150L), first);
        assertEquals(T.toString(), n.path("preread").asText());
        assertEquals(500, n.path("precpu_stats").path("cpu_usage").path("total_usage").asLong());
        assertEquals("[400,500]", n.path("cpu_stats").path("cpu_usage").path("percpu_usage").toString());
        assertEquals(150, n.path("memory_stats").path("max_usage").asLong());
    }

    @Test
    void aStoppedContainerHasEmptyCounters() {
        var stopped = new StatsSample(T, "abc", "/web", null, 0, List.of(), null, null, null);
        var n = StatsJson.render(stopped, null);
        assertEquals("{}", n.path("cpu_stats").toString());
        assertEquals("{}", n.path("memory_stats").toString());
        assertEquals("{}", n.path("pids_stats").toString());
        assertFalse(n.has("networks"));
    }
}
