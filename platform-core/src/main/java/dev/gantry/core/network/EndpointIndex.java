package dev.gantry.core.network;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints table held in memory, so the read endpoints (container list and inspect, the network list's
 * {@code dangling} filter) ask no SQLite query per container and can answer on the event loop. The container
 * list asked one query per container (docs/benchmarks-apiread.md). Writers ({@link NetworkStore}, synchronised)
 * change the table first and this after it; readers see one immutable snapshot.
 *
 * <p>The orders are the ones the table's queries gave: by container in row order (rows are only appended, so
 * insertion order); by network in the order of SQLite's index on {@code (network, address)}, which its planner
 * takes for that query: by address, as text.
 */
final class EndpointIndex {
    private record Snapshot(List<EndpointRecord> rows, Map<String, List<EndpointRecord>> byContainer) {
    }

    private volatile Snapshot snapshot = index(List.of());

    /** Replaces everything: the rows as the table holds them, in row order. */
    void load(List<EndpointRecord> rows) {
        snapshot = index(rows);
    }

    void added(EndpointRecord e) {
        List<EndpointRecord> rows = new ArrayList<>(snapshot.rows());
        rows.add(e);
        snapshot = index(rows);
    }

    void removed(String networkId, String containerId) {
        List<EndpointRecord> rows = new ArrayList<>(snapshot.rows());
        rows.removeIf(e -> e.networkId().equals(networkId) && e.containerId().equals(containerId));
        snapshot = index(rows);
    }

    List<EndpointRecord> ofContainer(String containerId) {
        return snapshot.byContainer().getOrDefault(containerId, List.of());
    }

    List<EndpointRecord> ofNetwork(String networkId) {
        List<EndpointRecord> out = new ArrayList<>();
        for (EndpointRecord e : snapshot.rows()) {
            if (e.networkId().equals(networkId)) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing(EndpointRecord::address));
        return out;
    }

    private static Snapshot index(List<EndpointRecord> rows) {
        Map<String, List<EndpointRecord>> byContainer = new HashMap<>();
        for (EndpointRecord e : rows) {
            byContainer.computeIfAbsent(e.containerId(), k -> new ArrayList<>()).add(e);
        }
        byContainer.replaceAll((k, v) -> List.copyOf(v));
        return new Snapshot(List.copyOf(rows), Map.copyOf(byContainer));
    }
}
