package dev.gantry.core.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which names a container can resolve: on every user-defined network it is on, each member answers to its
 * container name, its network aliases and its short ID. Names on networks it is not on, and every name on the
 * default bridge, are unknown here (Docker's rule), so they go to the upstream resolvers.
 */
public final class NameDirectory {
    private final NetworkStore store;
    private final Function<String, Optional<String>> containerNames;
    private volatile Function<String, java.util.Map<String, String>> links = id -> java.util.Map.of();

    /** @param containerNames a container's current name by ID, so a rename is seen at once */
    public NameDirectory(NetworkStore store, Function<String, Optional<String>> containerNames) {
        this.store = store;
        this.containerNames = containerNames;
    }

    /** A container's legacy links on user-defined networks: alias (lower case) to the target's ID. */
    void links(Function<String, java.util.Map<String, String>> aliasesOf) {
        this.links = aliasesOf;
    }

    /** The IPv4 addresses {@code name} has for the asking container; empty when it is not a name of its networks. */
    public List<String> addresses(String askingContainer, String name) {
        return addresses(askingContainer, name, false);
    }

    /**
     * The addresses of one family {@code name} has for the asking container. A name with IPv4 addresses only is
     * still a name of its networks: {@link #known} tells the two apart.
     */
    public List<String> addresses(String askingContainer, String name, boolean v6) {
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        String linked = links.apply(askingContainer).get(wanted);
        for (NetworkRecord n : sharedNetworks(askingContainer)) {
            for (EndpointRecord e : store.endpoints(n.id())) {
                String a = v6 ? e.address6() : e.address();
                if (!a.isEmpty() && e.containerId().equals(linked) && !out.contains(a)) {
                    out.add(a);
                }
            }
        }
        for (NetworkRecord n : sharedNetworks(askingContainer)) {
            for (EndpointRecord e : store.endpoints(n.id())) {
                String a = v6 ? e.address6() : e.address();
                if (!a.isEmpty() && namesOf(e).stream().anyMatch(x -> x.toLowerCase(Locale.ROOT).equals(wanted)) && !out.contains(a)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** The name for an address on one of the asking container's networks, as {@code name.network}. */
    public Optional<String> nameOf(String askingContainer, String address) {
        for (NetworkRecord n : sharedNetworks(askingContainer)) {
            for (EndpointRecord e : store.endpoints(n.id())) {
                if (e.address().equals(address) || e.address6().equals(address)) {
                    return containerNames.apply(e.containerId()).map(c -> c + "." + n.name());
                }
            }
        }
        return Optional.empty();
    }

    /** Docker's {@code DNSNames} of an endpoint: the container's name, its aliases, its short ID. */
    public List<String> namesOf(EndpointRecord e) {
        List<String> names = new ArrayList<>();
        containerNames.apply(e.containerId()).ifPresent(names::add);
        names.addAll(e.aliases());
        names.add(e.containerId().substring(0, 12));
        return names.stream().distinct().toList();
    }

    /** Whether any of the container's networks leads out: not when all of them are internal. */
    public boolean reachesOutside(String containerId) {
        return store.endpointsOf(containerId).stream()
                .anyMatch(e -> store.find(e.networkId()).map(n -> !n.internal()).orElse(false));
    }

    private List<NetworkRecord> sharedNetworks(String containerId) {
        List<NetworkRecord> out = new ArrayList<>();
        for (EndpointRecord mine : store.endpointsOf(containerId)) {
            store.find(mine.networkId()).filter(NetworkRecord::resolvesNames).ifPresent(out::add);
        }
        return out;
    }
}
