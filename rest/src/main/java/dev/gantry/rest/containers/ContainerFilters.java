package dev.gantry.rest.containers;

import dev.gantry.core.EngineException;
import dev.gantry.core.container.Container;
import dev.gantry.core.network.EndpointRecord;
import dev.gantry.core.network.NetworkRecord;
import dev.gantry.core.network.Networking;
import dev.gantry.rest.api.Filters;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The filters of {@code GET /containers/json} about networks and ports, as dockerd applies them: {@code network}
 * (a name, or an ID or its prefix), {@code publish} and {@code expose} (a port, a range, with {@code /proto} or
 * tcp), {@code is-task} (no container here is a swarm task). Read before any container is looked at, so a bad
 * value is a 400 and not an empty list.
 */
record ContainerFilters(Set<String> networks, Set<String> published, Set<String> exposed, boolean tasksOnly) {
    private static final Set<String> STATES = Set.of("created", "restarting", "running", "removing", "paused",
            "exited", "dead");
    private static final Set<String> HEALTH = Set.of("starting", "healthy", "unhealthy", "none");

    static ContainerFilters of(Map<String, Set<String>> f) {
        for (String v : f.getOrDefault("status", Set.of())) {
            if (!STATES.contains(v)) {
                throw EngineException.invalid("Unrecognised filter value for status: " + v);
            }
        }
        for (String v : f.getOrDefault("health", Set.of())) {
            if (!HEALTH.contains(v)) {
                throw EngineException.invalid("Unrecognised filter value for health: " + v);
            }
        }
        for (String v : f.getOrDefault("exited", Set.of())) {
            if (!v.matches("[+-]?\\d{1,9}")) {
                throw EngineException.invalid("invalid filter 'exited=" + v + "'");
            }
        }
        return new ContainerFilters(f.get("network"), ports(f, "publish"), ports(f, "expose"),
                Filters.bool(f, "is-task", false));
    }

    boolean matches(Container c, Networking networking) {
        if (tasksOnly) {
            return false;
        }
        if (networks != null && networks.stream().noneMatch(n -> onNetwork(c, n, networking))) {
            return false;
        }
        if (published != null && published.stream().noneMatch(publishedPorts(c, networking)::contains)) {
            return false;
        }
        return exposed == null || exposed.stream().anyMatch(c.config().path("ExposedPorts")::has);
    }

    private static boolean onNetwork(Container c, String value, Networking networking) {
        if (c.networks().has(value)) {
            return true;
        }
        for (var entry : c.networks().properties()) {
            if (networking != null && networking.store().find(entry.getKey()).map(NetworkRecord::id)
                    .filter(id -> id.startsWith(value)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** The container ports given host bindings: asked for at create, or bound now (with {@code -P} too). */
    private static Set<String> publishedPorts(Container c, Networking networking) {
        Set<String> out = new HashSet<>();
        c.hostConfig().path("PortBindings").fieldNames().forEachRemaining(out::add);
        if (networking != null) {
            for (EndpointRecord e : networking.store().endpointsOf(c.id())) {
                e.ports().forEach(p -> out.add(p.containerPort() + "/" + p.protocol()));
            }
        }
        return out;
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
            String proto = slash < 0 ? "tcp" : value.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
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
