package dev.gantry.tui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the dashboard shows, refreshed by polling the engine. Holds plain values so views can draw without
 * touching the network, and so tests can fill it by hand.
 */
public final class DashboardModel {
    public record EngineSummary(String version, String apiVersion, String storageDriver, String defaultRuntime,
                                String kernel, int cpus, long memTotal, int containers, int running, int images) {
    }

    public record PluginRow(String kind, String name, String version, boolean available, boolean selected,
                            String reason) {
    }

    public record TraceRow(String name, long durationMicros, int spans) {
    }

    private EngineSummary engine;
    private List<PluginRow> plugins = List.of();
    private List<TraceRow> traces = List.of();
    private String error = "";

    public synchronized void refresh(GantryClient client) {
        try {
            JsonNode version = client.get("/version");
            JsonNode info = client.get("/info");
            engine = new EngineSummary(gantryVersion(version), version.path("ApiVersion").asText(),
                    info.path("Driver").asText(), info.path("DefaultRuntime").asText(),
                    info.path("KernelVersion").asText(), info.path("NCPU").asInt(), info.path("MemTotal").asLong(),
                    info.path("Containers").asInt(), info.path("ContainersRunning").asInt(), info.path("Images").asInt());
            List<PluginRow> rows = new ArrayList<>();
            for (JsonNode p : client.get("/gantry/v1/plugins")) {
                rows.add(new PluginRow(p.path("Kind").asText(), p.path("Name").asText(), p.path("Version").asText(),
                        p.path("Available").asBoolean(), p.path("Selected").asBoolean(), p.path("Reason").asText()));
            }
            plugins = List.copyOf(rows);
            List<TraceRow> t = new ArrayList<>();
            for (JsonNode tr : client.get("/gantry/v1/traces")) {
                t.add(new TraceRow(tr.path("Name").asText(), tr.path("DurationMicros").asLong(), tr.path("Spans").asInt()));
            }
            traces = List.copyOf(t);
            error = "";
        } catch (java.io.IOException | RuntimeException e) {
            error = "cannot reach Gantry at " + client.socket() + ": " + e.getMessage();
        }
    }

    /** Gantry's own version: {@code Version} itself is the Docker release clients compare. */
    static String gantryVersion(JsonNode version) {
        for (JsonNode c : version.path("Components")) {
            if (c.path("Name").asText().equals("Gantry")) {
                return c.path("Version").asText();
            }
        }
        return version.path("Version").asText();
    }

    public synchronized void set(EngineSummary engine, List<PluginRow> plugins, List<TraceRow> traces, String error) {
        this.engine = engine;
        this.plugins = List.copyOf(plugins);
        this.traces = List.copyOf(traces);
        this.error = error;
    }

    public synchronized EngineSummary engine() {
        return engine;
    }

    public synchronized List<PluginRow> plugins() {
        return plugins;
    }

    public synchronized List<TraceRow> traces() {
        return traces;
    }

    public synchronized String error() {
        return error;
    }
}
