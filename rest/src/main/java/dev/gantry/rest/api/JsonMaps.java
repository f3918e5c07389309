package dev.gantry.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** Docker's string maps in request bodies ({@code Labels}, {@code Options}, {@code DriverOpts}). */
public final class JsonMaps {
    private JsonMaps() {
    }

    /** The object's fields as text; a missing or non-object node is an empty map. */
    public static Map<String, String> strings(JsonNode n) {
        Map<String, String> m = new HashMap<>();
        if (n != null && n.isObject()) {
            n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        }
        return m;
    }
}
