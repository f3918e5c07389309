package dev.gantry.tui.view;

import com.googlecode.lanterna.TextColor;
import dev.gantry.tui.state.Feature;
import dev.gantry.tui.state.HookRow;
import dev.gantry.tui.state.Snapshot;
import java.util.List;

/** Pane 7: the engine's JS hooks, their state, decision counts, p99 and last error. */
public final class HooksPane implements Pane {
    @Override
    public String title() {
        return "Hooks";
    }

    @Override
    public List<Table.Column> columns() {
        return List.of(Table.fixed("NAME", 16), Table.fixed("EVENTS", 14), Table.fixed("STATE", 6),
                Table.fixed("ALLOW/DENY/CHG", 14), Table.fixed("ERR/TMO", 7), Table.number("P99", 7),
                Table.flex("LAST ERROR", 10));
    }

    @Override
    public List<Table.Row> rows(Snapshot s) {
        return s.hooks().stream().map(HooksPane::row).toList();
    }

    private static Table.Row row(HookRow h) {
        return new Table.Row(h.name(), List.of(h.name(), String.join(",", h.events()), h.state(),
                h.allow() + "/" + h.deny() + "/" + h.change(), h.errors() + "/" + h.timeouts(),
                Fmt.micros(h.p99Micros()), h.problem().isEmpty() ? "-" : h.problem()),
                h.state().equals("error") ? TextColor.ANSI.RED : null);
    }

    @Override
    public String missing(Snapshot s) {
        return s.missing(Feature.HOOKS);
    }

    @Override
    public String keys() {
        return "";
    }
}
