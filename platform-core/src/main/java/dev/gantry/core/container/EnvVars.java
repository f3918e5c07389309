package dev.gantry.core.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's rules for environment lists. In a container's config an entry without {@code =} is kept as the user
 * gave it (inspect shows it); in the process's environment such an entry unsets the variable of that name among
 * the engine's defaults (PATH, HOSTNAME, TERM) and is otherwise dropped, since a process cannot have a variable
 * without a value.
 */
final class EnvVars {
    private EnvVars() {
    }

    /** The create request's {@code Env} first, then the image's entries whose names the request does not use. */
    static List<String> mergeConfig(List<String> image, List<String> user) {
        List<String> out = new ArrayList<>(user);
        List<String> names = user.stream().map(EnvVars::name).toList();
        for (String e : image) {
            if (!names.contains(name(e))) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The process environment: {@code defaults} (name to value, in order) with {@code overrides} applied in turn;
     * {@code NAME=value} replaces or appends, a bare {@code NAME} removes.
     */
    static List<String> apply(Map<String, String> defaults, Iterable<String> overrides) {
        Map<String, String> env = new LinkedHashMap<>(defaults);
        for (String s : overrides) {
            int eq = s.indexOf('=');
            if (eq < 0) {
                env.remove(s);
            } else if (eq > 0) {
                env.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        List<String> out = new ArrayList<>(env.size());
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** {@code A=1} and {@code A=2} as a list of entries into a map, for {@link #apply}. */
    static Map<String, String> asMap(List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : entries) {
            int eq = s.indexOf('=');
            if (eq > 0) {
                out.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        return out;
    }

    private static String name(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(0, eq);
    }
}
