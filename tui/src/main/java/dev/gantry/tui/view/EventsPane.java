package dev.gantry.tui.view;

import dev.gantry.tui.state.EventRow;
import dev.gantry.tui.state.Snapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** Pane 5: the events stream as it comes, newest first; {@code /} filters it. */
public final class EventsPane implements Pane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Override
    public String title() {
        return "Events";
    }

    @Override
    public List<Table.Column> columns() {
        return List.of(Table.fixed("TIME", 8), Table.fixed("TYPE", 9), Table.fixed("ACTION", 14),
                Table.flex("ACTOR", 16), Table.flex("ATTRIBUTES", 20));
    }

    @Override
    public List<Table.Row> rows(Snapshot s) {
        return s.events().stream().map(EventsPane::row).toList();
    }

    private static Table.Row row(EventRow e) {
        String time = TIME.format(Instant.ofEpochSecond(0, e.timeNanos()));
        String attrs = e.attributes().entrySet().stream().filter(a -> !a.getKey().equals("name"))
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(a -> a.getKey() + "=" + a.getValue()).collect(Collectors.joining(" "));
        return new Table.Row(e.timeNanos() + e.actorId() + e.action(), List.of(time, e.type(), e.action(), e.actor(), attrs));
    }

    @Override
    public String keys() {
        return "";
    }
}
