package dev.gantry.tui.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One span of {@code /gantry/v1/traces/{id}}. */
public record SpanRow(String spanId, String parentId, String name, long startMicros, long durationMicros,
                      String status, Map<String, String> attributes) {

    public static SpanRow from(JsonNode s) {
        Instant start = Instant.parse(s.path("Start").asText("1970-01-01T00:00:00Z"));
        Map<String, String> attrs = new LinkedHashMap<>();
        s.path("Attributes").properties().forEach(p -> attrs.put(p.getKey(), p.getValue().asText()));
        return new SpanRow(s.path("SpanId").asText(), s.path("ParentSpanId").asText(""), s.path("Name").asText(),
                start.getEpochSecond() * 1_000_000L + start.getNano() / 1000, s.path("DurationMicros").asLong(),
                s.path("Status").asText(), attrs);
    }
}
