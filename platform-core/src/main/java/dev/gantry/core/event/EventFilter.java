package dev.gantry.core.event;

import dev.gantry.core.EngineException;
import java.util.Map;
import java.util.Set;

/**
 * Docker's {@code filters} for events: within one key any value may match, and every key given must match.
 * Keys: type, event, container, image, volume, network, daemon, plugin, label (key or key=value), scope.
 */
public record EventFilter(Map<String, Set<String>> filters) {
    public static final EventFilter ALL = new EventFilter(Map.of());
    private static final Set<String> KEYS = Set.of("type", "event", "container", "image", "volume", "network",
            "daemon", "plugin", "label", "scope", "config", "node", "secret", "service");

    public EventFilter {
        filters = Map.copyOf(filters);
        for (String key : filters.keySet()) {
            if (!KEYS.contains(key)) {
                throw EngineException.invalid("invalid filter '" + key + "'");
            }
        }
    }

    public boolean matches(Event e) {
        for (var f : filters.entrySet()) {
            if (!f.getValue().stream().anyMatch(v -> matches(f.getKey(), v, e))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String key, String value, Event e) {
        return switch (key) {
            case "type" -> e.type().equals(value);
            case "event" -> e.action().equals(value) || e.baseAction().equals(value);
            case "scope" -> value.equals("local");
            case "label" -> label(value, e);
            case "image" -> e.type().equals("image") ? actor(value, e) : value.equals(e.attributes().get("image"));
            case "container", "volume", "network", "daemon", "plugin" -> e.type().equals(key) && actor(value, e);
            default -> false;
        };
    }

    private static boolean actor(String value, Event e) {
        return e.actorId().equals(value) || e.actorId().startsWith(value) || value.equals(e.attributes().get("name"));
    }

    private static boolean label(String value, Event e) {
        int eq = value.indexOf('=');
        if (eq < 0) {
            return e.attributes().containsKey(value);
        }
        return value.substring(eq + 1).equals(e.attributes().get(value.substring(0, eq)));
    }
}
