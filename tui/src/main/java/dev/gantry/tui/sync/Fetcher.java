package dev.gantry.tui.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.tui.client.EngineClient;
import dev.gantry.tui.client.EngineException;
import dev.gantry.tui.state.ContainerRow;
import dev.gantry.tui.state.DashboardState;
import dev.gantry.tui.state.EngineInfo;
import dev.gantry.tui.state.Feature;
import dev.gantry.tui.state.HookRow;
import dev.gantry.tui.state.ImageRow;
import dev.gantry.tui.state.Metrics;
import dev.gantry.tui.state.NetworkRow;
import dev.gantry.tui.state.PluginRow;
import dev.gantry.tui.state.ScanSummary;
import dev.gantry.tui.state.SpanRow;
import dev.gantry.tui.state.TraceRow;
import dev.gantry.tui.state.VolumeRow;
import dev.gantry.tui.state.Waterfall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One GET per kind of list, parsed into the state. Errors go up; a 404 of a Gantry-only endpoint is noted. */
final class Fetcher {
    private final EngineClient client;
    private final DashboardState state;

    Fetcher(EngineClient client, DashboardState state) {
        this.client = client;
        this.state = state;
    }

    List<ContainerRow> containers() throws IOException {
        List<ContainerRow> rows = list("/containers/json?all=1", ContainerRow::from);
        state.containers(rows);
        for (ContainerRow c : rows) {
            if (c.running() && !state.knowsStart(c.id())) {
                startTime(c.id());
            }
        }
        return rows;
    }

    /** The list says "Up 3 minutes" as of the list; the start time keeps the uptime right without re-listing. */
    private void startTime(String id) throws IOException {
        try {
            String started = client.get("/containers/" + id + "/json").path("State").path("StartedAt").asText("");
            if (!started.isEmpty() && !started.startsWith("0001-")) {
                state.startedAt(id, java.time.Instant.parse(started).getEpochSecond());
            }
        } catch (EngineException e) {
            // removed meanwhile: the next event re-lists
        } catch (java.time.format.DateTimeParseException e) {
            // an engine with another time format: the list's Status text stays the uptime
        }
    }

    void images() throws IOException {
        List<ImageRow> rows = list("/images/json", ImageRow::from);
        state.images(rows);
        for (ImageRow i : rows) {
            if (state.snapshot().missing(Feature.SCANS) != null) {
                return;
            }
            scan(i);
        }
    }

    private void scan(ImageRow i) throws IOException {
        try {
            JsonNode report = client.get("/gantry/v1/images/" + EngineClient.segment(i.ref()) + "/scan");
            state.scan(i.id(), ScanSummary.fromReport(report));
            state.feature(Feature.SCANS, null);
        } catch (EngineException e) {
            // the scan endpoint's own 404 says "no scan of image ..."; any other 404 means no such endpoint
            if (e.status() == 404 && !e.getMessage().startsWith("no scan of image")) {
                state.feature(Feature.SCANS, Feature.SCANS.need());
            }
        }
    }

    void volumes() throws IOException {
        JsonNode body = client.get("/volumes");
        List<VolumeRow> rows = new ArrayList<>();
        body.path("Volumes").forEach(v -> rows.add(VolumeRow.from(v)));
        state.volumes(rows);
    }

    /** Sizes come from {@code /system/df}, which costs the engine a walk of each volume: only on demand. */
    void volumeSizes() throws IOException {
        JsonNode df = client.get("/system/df");
        Map<String, Long> sizes = new HashMap<>();
        df.path("Volumes").forEach(v -> sizes.put(v.path("Name").asText(), v.path("UsageData").path("Size").asLong(-1)));
        List<VolumeRow> rows = new ArrayList<>();
        for (VolumeRow v : state.snapshot().volumes()) {
            rows.add(v.withSize(sizes.getOrDefault(v.name(), v.size())));
        }
        state.volumes(rows);
    }

    void networks() throws IOException {
        state.networks(list("/networks", NetworkRow::from));
    }

    void engine() throws IOException {
        state.engine(EngineInfo.from(client.get("/version"), client.get("/info")));
        gantryOnly(Feature.PLUGINS, () -> state.plugins(list("/gantry/v1/plugins", PluginRow::from)));
        gantryOnly(Feature.METRICS, () -> state.metrics(Metrics.parse(client.getText("/metrics"))));
    }

    void traces() throws IOException {
        gantryOnly(Feature.TRACES, () -> state.traces(list("/gantry/v1/traces", TraceRow::from)));
    }

    void openTrace(String traceId) throws IOException {
        JsonNode t = client.get("/gantry/v1/traces/" + EngineClient.segment(traceId));
        List<SpanRow> spans = new ArrayList<>();
        t.path("Spans").forEach(s -> spans.add(SpanRow.from(s)));
        state.openTrace(traceId, Waterfall.of(spans));
    }

    void hooks() throws IOException {
        gantryOnly(Feature.HOOKS, () -> state.hooks(list("/gantry/v1/hooks", HookRow::from)));
    }

    private interface Call {
        void run() throws IOException;
    }

    private void gantryOnly(Feature f, Call call) throws IOException {
        try {
            call.run();
            state.feature(f, null);
        } catch (EngineException e) {
            if (e.status() == 404 || e.status() == 501) {
                state.feature(f, f.need());
            } else {
                state.feature(f, f.need() + ": " + e.getMessage());
            }
        }
    }

    private <T> List<T> list(String path, Function<JsonNode, T> row) throws IOException {
        List<T> rows = new ArrayList<>();
        client.get(path).forEach(n -> rows.add(row.apply(n)));
        return rows;
    }
}
