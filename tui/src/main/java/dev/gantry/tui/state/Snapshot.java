package dev.gantry.tui.state;

import java.util.List;
import java.util.Map;

/** An immutable view of everything the dashboard knows, taken once per frame by the UI thread. */
public record Snapshot(String host, Link link, EngineInfo engine, List<ContainerRow> containers,
                       Map<String, StatsSample> stats, Map<String, Long> startedAt, List<ImageRow> images, Map<String, ScanSummary> scans,
                       List<VolumeRow> volumes, List<NetworkRow> networks, List<EventRow> events,
                       List<TraceRow> traces, Map<String, Waterfall> openTraces, List<HookRow> hooks,
                       List<PluginRow> plugins, Metrics metrics, Map<Feature, String> missing, String message) {

    /** Containers that use an image, by image id. */
    public long usersOfImage(String imageId) {
        return containers.stream().filter(c -> c.imageId().equals(imageId)).count();
    }

    public List<String> usersOfVolume(String name) {
        return containers.stream().filter(c -> c.volumes().contains(name)).map(ContainerRow::name).toList();
    }

    public List<String> membersOfNetwork(String name) {
        return containers.stream().filter(c -> c.networks().contains(name)).map(ContainerRow::name).toList();
    }

    /** Null when the feature is there (or not yet asked about), else what the pane should say. */
    public String missing(Feature f) {
        return missing.get(f);
    }
}
