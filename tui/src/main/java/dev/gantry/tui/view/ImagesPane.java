package dev.gantry.tui.view;

import dev.gantry.tui.state.Feature;
import dev.gantry.tui.state.ImageRow;
import dev.gantry.tui.state.ScanSummary;
import dev.gantry.tui.state.Snapshot;
import java.util.List;

/** Pane 2: images, the containers that use them, and their last scan's counts where the engine scans. */
public final class ImagesPane implements Pane {
    @Override
    public String title() {
        return "Images";
    }

    @Override
    public List<Table.Column> columns() {
        return List.of(Table.flex("TAGS", 20), Table.fixed("ID", 12), Table.number("SIZE", 8),
                Table.number("CREATED", 7), Table.number("USED BY", 7), Table.flex("SCAN", 12));
    }

    @Override
    public List<Table.Row> rows(Snapshot s) {
        long now = System.currentTimeMillis() / 1000;
        boolean scans = s.missing(Feature.SCANS) == null;
        return s.images().stream().map(i -> new Table.Row(i.id(), List.of(tags(i), i.shortId(), Fmt.bytes(i.size()),
                Fmt.ago(i.created(), now), String.valueOf(s.usersOfImage(i.id())), scan(s, i, scans)))).toList();
    }

    private static String tags(ImageRow i) {
        return i.tags().isEmpty() ? "<none>" : String.join(",", i.tags());
    }

    private static String scan(Snapshot s, ImageRow i, boolean scans) {
        if (!scans) {
            return "needs Gantry scans";
        }
        ScanSummary sum = s.scans().get(i.id());
        return sum == null ? "not scanned" : sum.text();
    }

    @Override
    public String keys() {
        return "d remove  P prune";
    }
}
