package dev.gantry.core.container.filter;

import dev.gantry.core.EngineException;
import dev.gantry.core.FilterFlags;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code docker ps} asks for: {@code all}, {@code limit} and its filters, checked before any container is
 * looked at, so a bad value is refused rather than answered with an empty list. A {@code null} set is a filter not
 * given; values of one key are alternatives (any may match), keys all have to match, as in dockerd.
 *
 * @param published {@code publish} as the {@code port/proto} keys it covers (a range is expanded)
 * @param exposed   {@code expose}, likewise
 * @param tasksOnly {@code is-task=true}: no container here is a swarm task
 */
public record ContainerQuery(boolean all, int limit, Set<String> ids, Set<String> names, Set<String> statuses,
                             Set<String> labels, Set<Integer> exited, Set<String> ancestors, Set<String> health,
                             Set<String> volumes, Set<String> networks, Set<String> published, Set<String> exposed,
                             boolean tasksOnly, Optional<String> before, Optional<String> since) {
    /** The keys dockerd knows for the container list. */
    public static final Set<String> KEYS = Set.of("id", "name", "status", "label", "exited", "ancestor", "before",
            "since", "health", "volume", "network", "is-task", "publish", "expose");
    private static final Set<String> STATES = Set.of("created", "restarting", "running", "removing", "paused",
            "exited", "dead");
    private static final Set<String> HEALTH = Set.of("starting", "healthy", "unhealthy", "none");

    /** Everything, as {@code docker ps -a}. */
    public static ContainerQuery everything() {
        return of(Map.of(), true, -1);
    }

    /**
     * Reads the parsed {@code filters} parameter (key to values; unknown keys are the caller's to refuse).
     *
     * @param all   {@code all}: stopped ones too
     * @param limit {@code limit}: at most that many, newest first (and stopped ones too); 0 or less is no limit
     */
    public static ContainerQuery of(Map<String, Set<String>> f, boolean all, int limit) {
        check(f.get("status"), STATES, "status");
        check(f.get("health"), HEALTH, "health");
        Set<Integer> exited = null;
        if (f.containsKey("exited")) {
            exited = new HashSet<>();
            for (String v : f.get("exited")) {
                if (!v.matches("[+-]?\\d{1,9}")) {
                    throw EngineException.invalid("invalid filter 'exited=" + v + "'");
                }
                exited.add(Integer.parseInt(v));
            }
        }
        return new ContainerQuery(all, limit, f.get("id"), f.get("name"), f.get("status"), f.get("label"), exited,
                f.get("ancestor"), f.get("health"), f.get("volume"), f.get("network"), ports(f, "publish"),
                ports(f, "expose"), FilterFlags.bool(f.get("is-task"), "is-task", false), first(f, "before"), first(f, "since"));
    }

    /** Whether stopped containers are listed: asked for, or implied by a limit or a filter on stopped states. */
    public boolean includesStopped() {
        return all || limit > 0 || statuses != null || exited != null || before.isPresent() || since.isPresent();
    }

    private static void check(Set<String> values, Set<String> known, String key) {
        for (String v : values == null ? Set.<String>of() : values) {
            if (!known.contains(v)) {
                throw EngineException.invalid("Unrecognised filter value for " + key + ": " + v);
            }
        }
    }

    private static Optional<String> first(Map<String, Set<String>> f, String key) {
        return f.getOrDefault(key, Set.of()).stream().findFirst();
    }

    /** {@code 80}, {@code 80/udp}, {@code 8000-8010/tcp} as the set of {@code port/proto} keys they cover. */
    private static Set<String> ports(Map<String, Set<String>> f, String key) {
        if (!f.containsKey(key)) {
            return null;
        }
        Set<String> out = new HashSet<>();
        for (String value : f.get(key)) {
            if (value.contains(":")) {
                throw EngineException.invalid("filter for '" + key + "' should not contain ':': " + value);
            }
            int slash = value.indexOf('/');
            String range = slash < 0 ? value : value.substring(0, slash);
            String proto = slash < 0 ? "tcp" : value.substring(slash + 1).toLowerCase(Locale.ROOT);
            int dash = range.indexOf('-');
            try {
                int start = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int end = dash < 0 ? start : Integer.parseInt(range.substring(dash + 1));
                if (start < 0 || end > 65535 || end < start) {
                    throw new NumberFormatException();
                }
                for (int p = start; p <= end; p++) {
                    out.add(p + "/" + proto);
                }
            } catch (NumberFormatException e) {
                throw EngineException.invalid("error while looking up for " + key + " " + value
                        + ": invalid port range: " + range);
            }
        }
        return out;
    }

}
