package dev.gantry.tui.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One hook of {@code GET /gantry/v1/hooks} (shape fixed in SHAPES.md). */
public record HookRow(String name, String file, List<String> events, String state, String error, String failure,
                      long allow, long deny, long change, long errors, long timeouts, long p50Micros,
                      long p99Micros, String lastError) {

    public static HookRow from(JsonNode h) {
        List<String> events = new ArrayList<>();
        h.path("Events").forEach(e -> events.add(e.asText()));
        JsonNode err = h.path("Error");
        String error = err.isObject() ? err.path("Message").asText()
                + (err.hasNonNull("Line") ? " (line " + err.path("Line").asInt() + ")" : "") : "";
        JsonNode c = h.path("Counts");
        return new HookRow(h.path("Name").asText(), h.path("File").asText(), List.copyOf(events),
                h.path("State").asText(), error, h.path("Failure").asText(), c.path("allow").asLong(),
                c.path("deny").asLong(), c.path("change").asLong(), c.path("error").asLong(),
                c.path("timeout").asLong(), h.path("P50Micros").asLong(), h.path("P99Micros").asLong(),
                h.path("LastError").isNull() ? "" : h.path("LastError").asText(""));
    }

    /** What went wrong last: the load error, else the last run's. */
    public String problem() {
        return !error.isEmpty() ? error : lastError;
    }
}
