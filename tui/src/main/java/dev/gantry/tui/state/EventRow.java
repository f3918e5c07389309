package dev.gantry.tui.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** One message of the {@code /events} stream. */
public record EventRow(long timeNanos, String type, String action, String actorId, Map<String, String> attributes) {

    public static EventRow from(JsonNode e) {
        Map<String, String> attrs = new LinkedHashMap<>();
        e.path("Actor").path("Attributes").properties().forEach(p -> attrs.put(p.getKey(), p.getValue().asText()));
        long nanos = e.path("timeNano").asLong(e.path("time").asLong() * 1_000_000_000L);
        return new EventRow(nanos, e.path("Type").asText(), e.path("Action").asText(),
                e.path("Actor").path("ID").asText(), Map.copyOf(attrs));
    }

    /** The name attribute when there is one (containers, images), else the actor id. */
    public String actor() {
        String name = attributes.get("name");
        if (name != null) {
            return name;
        }
        return actorId.length() > 24 ? actorId.substring(0, 24) : actorId;
    }
}
