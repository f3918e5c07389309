package dev.gantry.tui.view;

import dev.gantry.tui.state.Snapshot;
import java.util.List;
import java.util.Locale;

/** The eight panes in key order, and their rows as a filter leaves them. */
public final class Panes {
    private static final List<Pane> ALL = List.of(new ContainersPane(), new ImagesPane(), new VolumesPane(),
            new NetworksPane(), new EventsPane(), new TracesPane(), new HooksPane(), new EnginePane());

    private Panes() {
    }

    /** Pane {@code n}, 1 to 8. */
    public static Pane get(int n) {
        return ALL.get(n - 1);
    }

    public static int count() {
        return ALL.size();
    }

    public static List<Table.Row> rows(int n, Snapshot s, String filter) {
        List<Table.Row> rows = get(n).rows(s);
        if (filter.isEmpty()) {
            return rows;
        }
        String needle = filter.toLowerCase(Locale.ROOT);
        return rows.stream().filter(r -> r.text().toLowerCase(Locale.ROOT).contains(needle)).toList();
    }
}
