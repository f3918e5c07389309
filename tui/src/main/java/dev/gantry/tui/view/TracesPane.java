package dev.gantry.tui.view;

import dev.gantry.tui.state.Feature;
import dev.gantry.tui.state.Snapshot;
import java.util.List;

/** Pane 6: the engine's recent traces (its own requests left out); Enter opens one as a waterfall. */
public final class TracesPane implements Pane {
    @Override
    public String title() {
        return "Traces";
    }

    @Override
    public List<Table.Column> columns() {
        return List.of(Table.fixed("START", 12), Table.flex("OPERATION", 30), Table.number("DURATION", 9),
                Table.number("SPANS", 5), Table.fixed("TRACE", 16));
    }

    @Override
    public List<Table.Row> rows(Snapshot s) {
        return s.traces().stream().map(t -> new Table.Row(t.traceId(), List.of(time(t.start()), t.name(),
                Fmt.micros(t.durationMicros()), String.valueOf(t.spans()), t.traceId()))).toList();
    }

    /** "2026-12-02T03:04:05.123Z" → "03:04:05.123". */
    static String time(String iso) {
        int t = iso.indexOf('T');
        String s = t < 0 ? iso : iso.substring(t + 1).replace("Z", "");
        return s.length() > 12 ? s.substring(0, 12) : s;
    }

    @Override
    public String missing(Snapshot s) {
        return s.missing(Feature.TRACES);
    }

    @Override
    public String keys() {
        return "";
    }

    @Override
    public String enterKey() {
        return "Enter span tree";
    }
}
