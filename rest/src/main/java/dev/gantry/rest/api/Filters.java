package dev.gantry.rest.api;

import dev.gantry.core.EngineException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.gantry.core.state.Documents;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Docker's {@code filters} query parameter, read as dockerd reads it: first as {@code {"type":{"container":true}}}
 * (its own form), else as {@code {"type":["container"]}} (the older one, which most clients send). Anything that is
 * neither is refused whole with dockerd's {@code invalid filter}, so nothing runs on a filter half read.
 */
public final class Filters {
    /** dockerd refuses a filter with anything after its JSON: the shared mapper, read strictly. */
    private static final ObjectReader JSON = Documents.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final String UNREADABLE = "invalid filter";

    private Filters() {
    }

    public static Map<String, Set<String>> parse(String json) {
        Map<String, Set<String>> filters = new HashMap<>();
        if (json == null || json.isEmpty()) {
            return filters;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw EngineException.invalid(UNREADABLE);
        }
        if (root == null || root.isNull()) {
            return filters;
        }
        if (!root.isObject() || !(allValues(root, true) || allValues(root, false))) {
            throw EngineException.invalid(UNREADABLE);
        }
        root.properties().forEach(entry -> {
            Set<String> values = new LinkedHashSet<>();
            JsonNode v = entry.getValue();
            if (v.isArray()) {
                v.forEach(x -> values.add(x.textValue()));
            } else if (v.isObject()) {
                v.properties().forEach(x -> {
                    if (x.getValue().booleanValue()) {
                        values.add(x.getKey());
                    }
                });
            }
            filters.put(entry.getKey(), values);
        });
        return filters;
    }

    /** Whether every value is a set ({@code {"v":true}}) or, with {@code lists}, a list of strings; null is both. */
    private static boolean allValues(JsonNode root, boolean sets) {
        for (var entry : root.properties()) {
            JsonNode v = entry.getValue();
            if (v.isNull()) {
                continue;
            }
            if (sets ? !v.isObject() : !v.isArray()) {
                return false;
            }
            for (JsonNode x : v) {
                if (sets ? !x.isBoolean() : !x.isTextual()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Refuses keys an endpoint does not know, with Docker's wording. */
    public static Map<String, Set<String>> parse(String json, Set<String> allowed) {
        Map<String, Set<String>> f = parse(json);
        for (String key : f.keySet()) {
            if (!allowed.contains(key)) {
                throw EngineException.invalid("invalid filter '" + key + "'");
            }
        }
        return f;
    }

    /**
     * A boolean filter ({@code dangling}, {@code all}, {@code is-task}): {@code true}/{@code 1} or
     * {@code false}/{@code 0}; none, or both at once, is refused as dockerd refuses it.
     */
    public static boolean bool(Map<String, Set<String>> f, String key, boolean absent) {
        return dev.gantry.core.FilterFlags.bool(f.get(key), key, absent);
    }

    /**
     * dockerd's key/value list match: every {@code key} or {@code key=value} of the filter is among
     * {@code labels}; an absent or empty filter matches everything.
     */
    public static boolean matchesAll(Set<String> filter, Map<String, String> labels) {
        if (filter == null || filter.isEmpty()) {
            return true;
        }
        for (String l : filter) {
            int eq = l.indexOf('=');
            String key = eq < 0 ? l : l.substring(0, eq);
            if (!labels.containsKey(key) || (eq >= 0 && !labels.get(key).equals(l.substring(eq + 1)))) {
                return false;
            }
        }
        return true;
    }
}
