package dev.gantry.tui.view;

import com.googlecode.lanterna.TextColor;
import dev.gantry.tui.state.EngineInfo;
import dev.gantry.tui.state.Feature;
import dev.gantry.tui.state.PluginRow;
import dev.gantry.tui.state.Snapshot;
import java.util.ArrayList;
import java.util.List;

/** Pane 8: the engine itself: version and host, its plugins with their availability, and the /metrics figures. */
public final class EnginePane implements Pane {
    @Override
    public String title() {
        return "Engine";
    }

    @Override
    public List<Table.Column> columns() {
        return List.of(Table.fixed("SECTION", 8), Table.flex("NAME", 36), Table.fixed("VALUE", 14), Table.flex("NOTE", 10));
    }

    @Override
    public List<Table.Row> rows(Snapshot s) {
        List<Table.Row> rows = new ArrayList<>();
        EngineInfo e = s.engine();
        if (e != null) {
            rows.add(new Table.Row("engine", List.of("engine", e.product() + " " + e.version(), "API " + e.apiVersion(), e.os())));
            rows.add(new Table.Row("host", List.of("host", "kernel " + e.kernel(), e.cpus() + " CPUs",
                    Fmt.bytes(e.memTotal()) + " memory")));
            rows.add(new Table.Row("storage", List.of("engine", "storage " + e.storageDriver(),
                    "runtime " + e.defaultRuntime(), "")));
            rows.add(new Table.Row("counts", List.of("engine", "containers " + e.containers() + " (" + e.running()
                    + " running)", "images " + e.images(), "")));
        }
        String noPlugins = s.missing(Feature.PLUGINS);
        if (noPlugins != null) {
            rows.add(new Table.Row("plugins", List.of("plugins", noPlugins, "", "")));
        }
        for (PluginRow p : s.plugins()) {
            rows.add(new Table.Row("plugin/" + p.kind() + "/" + p.name(), List.of("plugin", p.kind() + " " + p.name()
                    + " " + p.version(), p.availability(), p.reason()),
                    p.available() ? TextColor.ANSI.GREEN : TextColor.ANSI.YELLOW));
        }
        String noMetrics = s.missing(Feature.METRICS);
        if (noMetrics != null) {
            rows.add(new Table.Row("metrics", List.of("metrics", noMetrics, "", "")));
        }
        for (String[] m : s.metrics().shown()) {
            rows.add(new Table.Row("metric/" + m[0], List.of("metric", m[0], m[1], "")));
        }
        return rows;
    }

    @Override
    public String keys() {
        return "";
    }
}
