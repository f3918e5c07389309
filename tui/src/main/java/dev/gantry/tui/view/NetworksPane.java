package dev.gantry.tui.view;

import dev.gantry.tui.state.Snapshot;
import java.util.List;

/** Pane 4: networks, their subnets and the containers attached. */
public final class NetworksPane implements Pane {
    @Override
    public String title() {
        return "Networks";
    }

    @Override
    public List<Table.Column> columns() {
        return List.of(Table.flex("NAME", 16), Table.fixed("DRIVER", 8), Table.fixed("SUBNET", 18),
                Table.flex("MEMBERS", 20));
    }

    @Override
    public List<Table.Row> rows(Snapshot s) {
        return s.networks().stream().map(n -> {
            List<String> members = s.membersOfNetwork(n.name());
            return new Table.Row(n.id(), List.of(n.name(), n.driver(), n.subnet().isEmpty() ? "-" : n.subnet(),
                    members.isEmpty() ? "-" : String.join(",", members)));
        }).toList();
    }

    @Override
    public String keys() {
        return "";
    }
}
