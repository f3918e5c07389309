package dev.gantry.tui.view;

import dev.gantry.tui.state.Snapshot;
import java.util.List;

/** One of the numbered panes: a table of rows drawn from the snapshot. */
public interface Pane {
    String title();

    List<Table.Column> columns();

    List<Table.Row> rows(Snapshot s);

    /** What the pane needs when the engine lacks it (null: nothing missing). */
    default String missing(Snapshot s) {
        return null;
    }

    /** What Enter does here, for the footer. */
    default String enterKey() {
        return "Enter details";
    }

    /** The footer's keys for this pane. */
    String keys();

    /** The same in fewer columns, for an 80-column terminal. */
    default String shortKeys() {
        return keys().replace("  ", " ");
    }
}
