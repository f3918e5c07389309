package dev.gantry.tui.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.tui.client.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateModelTest {

    @Test
    void cpuPercentIsTheShareOfHostTimeTimesCpus() {
        StatsSample s = StatsSample.from(Json.parse("""
                {"cpu_stats":{"cpu_usage":{"total_usage":1500},"system_cpu_usage":20000,"online_cpus":4},
                 "precpu_stats":{"cpu_usage":{"total_usage":500},"system_cpu_usage":10000},
                 "memory_stats":{"usage":1000,"limit":5000,"stats":{"inactive_file":300}},
                 "networks":{"eth0":{"rx_bytes":5,"tx_bytes":6},"eth1":{"rx_bytes":1,"tx_bytes":1}}}"""));
        assertEquals(40.0, s.cpuPercent(), 1e-9);
        assertEquals(700, s.memUsage());
        assertEquals(6, s.rxBytes());
        assertEquals(7, s.txBytes());
    }

    @Test
    void firstReadingWithoutPreviousIsZeroNotHuge() {
        StatsSample s = StatsSample.from(Json.parse("""
                {"cpu_stats":{"cpu_usage":{"total_usage":1500},"system_cpu_usage":20000,"online_cpus":4},
                 "precpu_stats":{"cpu_usage":{"total_usage":0}},"memory_stats":{}}"""));
        assertEquals(0.0, s.cpuPercent());
    }

    @Test
    void waterfallOrdersSpansAsATreeWithOffsets() {
        List<SpanRow> spans = List.of(
                span("c", "a", "2026-01-01T00:00:00.600Z", 100_000),
                span("a", "", "2026-01-01T00:00:00Z", 1_000_000),
                span("b", "a", "2026-01-01T00:00:00.100Z", 400_000),
                span("d", "b", "2026-01-01T00:00:00.200Z", 100_000));
        Waterfall w = Waterfall.of(spans);
        assertEquals(List.of("a", "b", "d", "c"), w.lines().stream().map(l -> l.span().spanId()).toList());
        assertEquals(List.of(0, 1, 2, 1), w.lines().stream().map(Waterfall.Line::depth).toList());
        assertEquals(1_000_000, w.totalMicros());
        assertArrayEquals(new int[] {10, 40}, w.bar(w.lines().get(1), 100));
        assertArrayEquals(new int[] {60, 10}, w.bar(w.lines().get(3), 100));
    }

    @Test
    void waterfallKeepsOrphansAsRoots() {
        Waterfall w = Waterfall.of(List.of(span("x", "gone", "2026-01-01T00:00:00Z", 5)));
        assertEquals(1, w.lines().size());
        assertEquals(0, w.lines().getFirst().depth());
    }

    private static SpanRow span(String id, String parent, String start, long micros) {
        return SpanRow.from(Json.parse("{\"SpanId\":\"" + id + "\",\"ParentSpanId\":\"" + parent + "\",\"Name\":\"" + id
                + "\",\"Start\":\"" + start + "\",\"DurationMicros\":" + micros + ",\"Status\":\"UNSET\",\"Attributes\":{}}"));
    }

    @Test
    void foldedJsonOpensOnePathAtATime() {
        FoldedJson j = new FoldedJson(Json.parse("{\"a\":1,\"b\":{\"c\":[1,2]},\"e\":[]}"));
        assertEquals(List.of("{", "\"a\": 1", "\"b\": {…} 1 key", "\"e\": []", "}"),
                j.lines().stream().map(FoldedJson.Line::text).toList());
        j.toggle("/b");
        assertEquals(List.of("{", "\"a\": 1", "\"b\": {", "\"c\": […] 2 items", "}", "\"e\": []", "}"),
                j.lines().stream().map(FoldedJson.Line::text).toList());
    }

    @Test
    void logBufferFollowsPausesAndSearches() {
        LogBuffer b = new LogBuffer();
        for (int i = 0; i < 10; i++) {
            b.add("line " + i);
        }
        assertEquals(List.of("line 7", "line 8", "line 9"), b.window(3));
        b.togglePause();
        b.add("line 10");
        assertEquals(List.of("line 7", "line 8", "line 9"), b.window(3));
        b.togglePause();
        assertEquals(List.of("line 8", "line 9", "line 10"), b.window(3));
        b.search("1");
        assertEquals(List.of("line 1", "line 10"), b.window(3));
        for (int i = 0; i < LogBuffer.MAX_LINES + 5; i++) {
            b.add("x");
        }
        assertEquals(LogBuffer.MAX_LINES, b.size());
    }

    @Test
    void metricsSumOverLabelsAndSkipComments() {
        Metrics m = Metrics.parse("""
                # TYPE http_server_requests_seconds_count counter
                http_server_requests_seconds_count{uri="/a",le="x y"} 2.0
                http_server_requests_seconds_count{uri="/b"} 3.0 # {span_id="a",trace_id="b"} 1.0 1733107000.123
                gantry_pulls_total 1
                other_thing 9
                """);
        assertEquals(5.0, m.values().get("http_server_requests_seconds_count"));
        List<String> shown = m.shown().stream().map(a -> a[0] + "=" + a[1]).toList();
        assertEquals(List.of("gantry_pulls_total=1", "http_server_requests_seconds_count=5"), shown);
    }

    @Test
    void containerRowReadsHealthUptimeAndPorts() {
        ContainerRow c = ContainerRow.from(Json.parse("""
                {"Id":"0123456789abcdef","Names":["/api"],"State":"running","Status":"Up 2 hours (unhealthy)",
                 "Ports":[{"PrivatePort":53,"Type":"udp"}]}"""));
        assertEquals("api", c.name());
        assertEquals("unhealthy", c.health());
        assertEquals("2h", c.uptime());
        assertEquals("53/udp", c.ports());
        assertEquals("0123456789ab", c.shortId());
    }

    @Test
    void scanSummaryFromReportAndEvent() {
        assertEquals("clean", ScanSummary.fromReport(Json.parse("{\"Summary\":{}}")).text());
        assertEquals("C1 H0 M0 L2 U3", ScanSummary.fromEventAttributes(Json.parse(
                "{\"critical\":\"1\",\"high\":\"0\",\"medium\":\"0\",\"low\":\"2\",\"unknown\":\"3\"}")).text());
    }

    @Test
    void eventsKeepTheNewestFirstAndBounded() {
        DashboardState st = new DashboardState("h");
        for (int i = 0; i < DashboardState.MAX_EVENTS + 10; i++) {
            st.event(new EventRow(i, "container", "start", "id" + i, java.util.Map.of()));
        }
        Snapshot s = st.snapshot();
        assertEquals(DashboardState.MAX_EVENTS, s.events().size());
        assertEquals("id" + (DashboardState.MAX_EVENTS + 9), s.events().getFirst().actorId());
        assertTrue(s.events().getLast().actorId().equals("id10"));
    }
}
