package dev.gantry.tui.view;

import dev.gantry.tui.state.Snapshot;
import java.util.List;

/** Pane 3: volumes, their users and their size (from {@code /system/df}, fetched when the pane opens). */
public final class VolumesPane implements Pane {
    @Override
    public String title() {
        return "Volumes";
    }

    @Override
    public List<Table.Column> columns() {
        return List.of(Table.flex("NAME", 20), Table.fixed("DRIVER", 8), Table.number("SIZE", 8),
                Table.flex("USED BY", 16));
    }

    @Override
    public List<Table.Row> rows(Snapshot s) {
        return s.volumes().stream().map(v -> {
            List<String> users = s.usersOfVolume(v.name());
            return new Table.Row(v.name(), List.of(v.name(), v.driver(), Fmt.bytes(v.size()),
                    users.isEmpty() ? "-" : String.join(",", users)));
        }).toList();
    }

    @Override
    public String keys() {
        return "d remove  P prune";
    }
}
