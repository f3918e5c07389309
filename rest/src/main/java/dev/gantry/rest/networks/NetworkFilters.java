package dev.gantry.rest.networks;

import dev.gantry.core.EngineException;
import dev.gantry.core.network.NetworkRecord;
import dev.gantry.core.network.NetworkStore;
import dev.gantry.rest.api.Filters;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code GET /networks?filters=}: every filter dockerd documents ({@code dangling}, {@code driver}, {@code id},
 * {@code label}, {@code name}, {@code scope}, {@code type}), with its matching rules and its errors for values it
 * cannot read.
 */
final class NetworkFilters {
    static final Set<String> KEYS = Set.of("dangling", "driver", "id", "label", "name", "scope", "type");
    private static final Set<String> TRUE = Set.of("true", "1");
    private static final Set<String> FALSE = Set.of("false", "0");

    private NetworkFilters() {
    }

    /** The networks the {@code filters} parameter keeps; {@code inUse} says whether a network has endpoints. */
    static Predicate<NetworkRecord> parse(String filters, Predicate<NetworkRecord> inUse) {
        Map<String, Set<String>> f = Filters.parse(filters, KEYS);
        for (String t : f.getOrDefault("type", Set.of())) {
            if (!t.equals("custom") && !t.equals("builtin")) {
                throw EngineException.invalid("invalid filter: 'type'='" + t + "'");
            }
        }
        Set<String> dangling = f.getOrDefault("dangling", Set.of());
        for (String d : dangling) {
            if (!TRUE.contains(d.toLowerCase(java.util.Locale.ROOT)) && !FALSE.contains(d.toLowerCase(java.util.Locale.ROOT))) {
                throw EngineException.invalid("invalid filter: 'dangling'='" + d + "'");
            }
        }
        if (dangling.size() > 1) {
            throw EngineException.invalid("invalid filter: 'dangling' takes one value");
        }
        Predicate<NetworkRecord> keep = n -> true;
        if (f.containsKey("name")) {
            keep = keep.and(n -> f.get("name").stream().anyMatch(v -> matches(v, n.name())));
        }
        if (f.containsKey("id")) {
            keep = keep.and(n -> f.get("id").stream().anyMatch(v -> matches(v, n.id())));
        }
        if (f.containsKey("driver")) {
            keep = keep.and(n -> f.get("driver").contains(n.driver()));
        }
        if (f.containsKey("scope")) {
            // every network of a single engine is local
            keep = keep.and(n -> f.get("scope").contains("local"));
        }
        if (f.containsKey("type")) {
            keep = keep.and(n -> f.get("type").contains(n.builtIn() ? "builtin" : "custom"));
        }
        if (f.containsKey("label")) {
            keep = keep.and(n -> f.get("label").stream().allMatch(l -> hasLabel(n, l)));
        }
        if (!dangling.isEmpty()) {
            boolean wanted = TRUE.contains(dangling.iterator().next().toLowerCase(java.util.Locale.ROOT));
            // the pre-defined networks are never dangling, as in dockerd
            keep = keep.and(n -> wanted == (!NetworkStore.BUILT_IN.contains(n.name()) && !inUse.test(n)));
        }
        return keep;
    }

    /** dockerd's Args.Match: the value equals, or as a regular expression is found in, the field. */
    private static boolean matches(String value, String field) {
        if (field.equals(value) || field.contains(value)) {
            return true;
        }
        try {
            return Pattern.compile(value).matcher(field).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static boolean hasLabel(NetworkRecord n, String label) {
        int eq = label.indexOf('=');
        String key = eq < 0 ? label : label.substring(0, eq);
        return n.labels().containsKey(key) && (eq < 0 || n.labels().get(key).equals(label.substring(eq + 1)));
    }
}
