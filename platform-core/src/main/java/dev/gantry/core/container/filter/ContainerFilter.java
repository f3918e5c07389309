package dev.gantry.core.container.filter;

import dev.gantry.core.container.Container;
import dev.gantry.core.container.ContainerStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The container list as {@code docker ps} filters it, for every client (REST, the dashboard, hooks). What it needs
 * from outside the container package comes in as {@link Facts}, so it does not depend on images or networks.
 */
public final class ContainerFilter {
    /** What the filters look up beyond the container record. */
    public interface Facts {
        /** The container {@code before}/{@code since} names; a not-found error when there is none. */
        Container resolve(String ref);

        /** The ID of the image a reference names, when there is one. */
        Optional<String> imageId(String ref);

        /** The ID of the network of that name, when there is one. */
        Optional<String> networkId(String name);

        /** The {@code port/proto} keys bound on the host now (with {@code -P} too). */
        Set<String> boundPorts(String containerId);
    }

    private final Facts facts;

    public ContainerFilter(Facts facts) {
        this.facts = facts;
    }

    /** The containers (newest first, as given) that the query selects, at most its limit. */
    public List<Container> apply(ContainerQuery q, List<Container> containers) {
        Optional<Container> before = q.before().map(facts::resolve);
        Optional<Container> since = q.since().map(facts::resolve);
        List<Container> out = new ArrayList<>();
        for (Container c : containers) {
            if (before.isPresent() && !c.created().isBefore(before.get().created())
                    || since.isPresent() && !c.created().isAfter(since.get().created())) {
                continue;
            }
            if (!q.includesStopped() && !c.status().alive() || !matches(q, c)) {
                continue;
            }
            if (q.limit() > 0 && out.size() >= q.limit()) {
                break;
            }
            out.add(c);
        }
        return out;
    }

    /** Whether one container passes every filter of the query (not {@code all}, {@code limit}, before or since). */
    public boolean matches(ContainerQuery q, Container c) {
        if (q.tasksOnly()) {
            return false;
        }
        if (q.ids() != null && q.ids().stream().noneMatch(c.id()::startsWith)) {
            return false;
        }
        if (q.names() != null && q.names().stream().noneMatch(n -> c.name().contains(n.startsWith("/") ? n.substring(1) : n))) {
            return false;
        }
        if (q.statuses() != null && !q.statuses().contains(c.status().word())) {
            return false;
        }
        if (q.exited() != null && (c.status() != ContainerStatus.EXITED || !q.exited().contains(c.state().exitCode()))) {
            return false;
        }
        if (q.labels() != null && !labelsMatch(q.labels(), c)) {
            return false;
        }
        if (q.ancestors() != null && q.ancestors().stream().noneMatch(a -> isAncestor(a, c))) {
            return false;
        }
        if (q.health() != null && !q.health().contains(c.state().healthView().map(h -> h.status()).orElse("none"))) {
            return false;
        }
        if (q.volumes() != null && q.volumes().stream().noneMatch(v -> c.mounts().stream()
                .anyMatch(m -> m.name().equals(v) || m.destination().equals(v) || m.source().equals(v)))) {
            return false;
        }
        if (q.networks() != null && q.networks().stream().noneMatch(n -> onNetwork(c, n))) {
            return false;
        }
        if (q.published() != null && q.published().stream().noneMatch(published(c)::contains)) {
            return false;
        }
        return q.exposed() == null || q.exposed().stream().anyMatch(c.exposedPorts()::contains);
    }

    /** Every {@code key} or {@code key=value} is among the labels. */
    private static boolean labelsMatch(Set<String> filter, Container c) {
        for (String l : filter) {
            int eq = l.indexOf('=');
            Optional<String> v = c.label(eq < 0 ? l : l.substring(0, eq));
            if (v.isEmpty() || (eq >= 0 && !v.get().equals(l.substring(eq + 1)))) {
                return false;
            }
        }
        return true;
    }

    private boolean isAncestor(String ref, Container c) {
        return c.imageName().equals(ref) || facts.imageId(ref).filter(c.imageId()::equals).isPresent();
    }

    /** By name, or by a prefix of the network's ID. */
    private boolean onNetwork(Container c, String value) {
        if (c.networkNames().contains(value)) {
            return true;
        }
        return c.networkNames().stream().anyMatch(name -> facts.networkId(name).filter(id -> id.startsWith(value)).isPresent());
    }

    /** The container ports given host bindings: asked for at create, or bound now. */
    private Set<String> published(Container c) {
        Set<String> out = new HashSet<>(c.requestedPorts());
        out.addAll(facts.boundPorts(c.id()));
        return out;
    }
}
