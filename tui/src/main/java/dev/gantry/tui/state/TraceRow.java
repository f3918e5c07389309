package dev.gantry.tui.state;

import com.fasterxml.jackson.databind.JsonNode;

/** One trace of {@code /gantry/v1/traces}. */
public record TraceRow(String traceId, String name, String start, long durationMicros, int spans) {

    public static TraceRow from(JsonNode t) {
        return new TraceRow(t.path("TraceId").asText(), t.path("Name").asText(), t.path("Start").asText(),
                t.path("DurationMicros").asLong(), t.path("Spans").asInt());
    }
}
