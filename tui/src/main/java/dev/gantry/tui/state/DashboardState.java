package dev.gantry.tui.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one mutable store: background threads write into it, the UI thread takes a {@link Snapshot} per frame.
 * Every change bumps {@link #version()}, so the UI redraws only when something changed.
 */
public final class DashboardState {
    static final int MAX_EVENTS = 1000;
    private final AtomicLong version = new AtomicLong();
    private final String host;
    private Link link = Link.CONNECTING;
    private EngineInfo engine;
    private List<ContainerRow> containers = List.of();
    private final Map<String, StatsSample> stats = new HashMap<>();
    private final Map<String, Long> startedAt = new HashMap<>();
    private List<ImageRow> images = List.of();
    private final Map<String, ScanSummary> scans = new HashMap<>();
    private List<VolumeRow> volumes = List.of();
    private List<NetworkRow> networks = List.of();
    private final ArrayDeque<EventRow> events = new ArrayDeque<>();
    private List<TraceRow> traces = List.of();
    private final Map<String, Waterfall> openTraces = new HashMap<>();
    private List<HookRow> hooks = List.of();
    private List<PluginRow> plugins = List.of();
    private Metrics metrics = new Metrics(Map.of());
    private final Map<Feature, String> missing = new EnumMap<>(Feature.class);
    private String message = "";

    public DashboardState(String host) {
        this.host = host;
    }

    public long version() {
        return version.get();
    }

    private void changed() {
        version.incrementAndGet();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(host, link, engine, containers, Map.copyOf(stats), Map.copyOf(startedAt), images, Map.copyOf(scans), volumes,
                networks, List.copyOf(new ArrayList<>(events).reversed()), traces, Map.copyOf(openTraces), hooks,
                plugins, metrics, Map.copyOf(missing), message);
    }

    public synchronized void link(Link l) {
        link = l;
        changed();
    }

    public synchronized Link link() {
        return link;
    }

    public synchronized void engine(EngineInfo e) {
        engine = e;
        changed();
    }

    public synchronized void containers(List<ContainerRow> rows) {
        containers = List.copyOf(rows);
        List<String> running = rows.stream().filter(ContainerRow::running).map(ContainerRow::id).toList();
        stats.keySet().retainAll(running);
        startedAt.keySet().retainAll(running);
        changed();
    }

    public synchronized void stats(String id, StatsSample s) {
        stats.put(id, s);
        changed();
    }

    /** When a running container started (epoch second), from one inspect per start. */
    public synchronized void startedAt(String id, long epochSecond) {
        startedAt.put(id, epochSecond);
        changed();
    }

    /** A (re)start: the next list inspects the container again for its start time. */
    public synchronized void restarted(String id) {
        startedAt.remove(id);
    }

    public synchronized boolean knowsStart(String id) {
        return startedAt.containsKey(id);
    }

    public synchronized void images(List<ImageRow> rows) {
        images = List.copyOf(rows);
        changed();
    }

    public synchronized void scan(String imageId, ScanSummary s) {
        scans.put(imageId, s);
        changed();
    }

    public synchronized void volumes(List<VolumeRow> rows) {
        volumes = List.copyOf(rows);
        changed();
    }

    public synchronized void networks(List<NetworkRow> rows) {
        networks = List.copyOf(rows);
        changed();
    }

    public synchronized void event(EventRow e) {
        events.addLast(e);
        while (events.size() > MAX_EVENTS) {
            events.removeFirst();
        }
        changed();
    }

    public synchronized void traces(List<TraceRow> rows) {
        traces = List.copyOf(rows);
        changed();
    }

    public synchronized void openTrace(String traceId, Waterfall w) {
        openTraces.clear();
        openTraces.put(traceId, w);
        changed();
    }

    public synchronized void hooks(List<HookRow> rows) {
        hooks = List.copyOf(rows);
        changed();
    }

    public synchronized void plugins(List<PluginRow> rows) {
        plugins = List.copyOf(rows);
        changed();
    }

    public synchronized void metrics(Metrics m) {
        metrics = m;
        changed();
    }

    /** Records whether a Gantry-only endpoint is there: {@code need} is null when it answered. */
    public synchronized void feature(Feature f, String need) {
        if (need == null) {
            missing.remove(f);
        } else {
            missing.put(f, need);
        }
        changed();
    }

    public synchronized void message(String m) {
        message = m;
        changed();
    }
}
