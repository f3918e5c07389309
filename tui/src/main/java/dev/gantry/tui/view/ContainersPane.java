package dev.gantry.tui.view;

import com.googlecode.lanterna.TextColor;
import dev.gantry.tui.state.ContainerRow;
import dev.gantry.tui.state.Snapshot;
import dev.gantry.tui.state.StatsSample;
import java.util.List;

/** Pane 1: containers, with their live CPU, memory and network figures from the stats streams. */
public final class ContainersPane implements Pane {
    @Override
    public String title() {
        return "Containers";
    }

    @Override
    public List<Table.Column> columns() {
        return List.of(Table.flex("NAME", 12), Table.fixed("IMAGE", 10), Table.fixed("STATE", 10),
                Table.number("CPU%", 6), Table.number("MEM", 7), Table.fixed("NET I/O", 13), Table.flex("PORTS", 5),
                Table.fixed("UP", 8));
    }

    @Override
    public List<Table.Row> rows(Snapshot s) {
        long now = System.currentTimeMillis() / 1000;
        return s.containers().stream().map(c -> row(c, s.stats().get(c.id()), s.startedAt().get(c.id()), now)).toList();
    }

    private static Table.Row row(ContainerRow c, StatsSample st, Long started, long now) {
        // a health check's verdict says more than "running" (and implies it)
        String state = c.health().isEmpty() || !c.state().equals("running") ? c.state() : c.health();
        boolean live = st != null && c.state().equals("running");
        String cpu = live ? Fmt.percent(st.cpuPercent()) : "-";
        String mem = live ? Fmt.bytes(st.memUsage()) : "-";
        String net = live ? Fmt.bytes(st.rxBytes()) + "/" + Fmt.bytes(st.txBytes()) : "-";
        String up = !c.running() ? "-" : started != null ? Fmt.ago(started, now) : c.uptime();
        return new Table.Row(c.id(), List.of(c.name(), c.image(), state, cpu, mem, net, c.ports(), up), color(c));
    }

    private static TextColor color(ContainerRow c) {
        return switch (c.state()) {
            case "running" -> c.health().equals("unhealthy") ? TextColor.ANSI.RED : TextColor.ANSI.GREEN;
            case "paused", "restarting" -> TextColor.ANSI.YELLOW;
            case "dead" -> TextColor.ANSI.RED;
            default -> null;
        };
    }

    @Override
    public String keys() {
        return "l logs  i inspect  s stop/start  r restart  p pause  k kill  d remove  x shell";
    }

    @Override
    public String shortKeys() {
        return "l logs i inspect s stop r restart p pause k kill d remove x shell";
    }
}
