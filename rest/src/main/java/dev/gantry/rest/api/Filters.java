package dev.gantry.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Docker's {@code filters} query parameter, in both forms clients send: {@code {"type":["container"]}} and the
 * older {@code {"type":{"container":true}}}.
 */
public final class Filters {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Filters() {
    }

    public static Map<String, Set<String>> parse(String json) {
        Map<String, Set<String>> filters = new HashMap<>();
        if (json == null || json.isBlank()) {
            return filters;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid filter: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("invalid filter: expected an object");
        }
        root.properties().forEach(entry -> {
            Set<String> values = new LinkedHashSet<>();
            JsonNode v = entry.getValue();
            if (v.isArray()) {
                v.forEach(x -> values.add(x.asText()));
            } else if (v.isObject()) {
                v.properties().forEach(x -> {
                    if (x.getValue().asBoolean()) {
                        values.add(x.getKey());
                    }
                });
            } else {
                throw new IllegalArgumentException("invalid filter: values of '" + entry.getKey() + "' must be a list");
            }
            filters.put(entry.getKey(), values);
        });
        return filters;
    }

    /** Refuses keys an endpoint does not know, with Docker's wording. */
    public static Map<String, Set<String>> parse(String json, Set<String> allowed) {
        Map<String, Set<String>> f = parse(json);
        for (String key : f.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("invalid filter '" + key + "'");
            }
        }
        return f;
    }
}
