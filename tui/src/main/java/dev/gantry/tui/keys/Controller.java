package dev.gantry.tui.keys;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.gantry.tui.state.ContainerRow;
import dev.gantry.tui.state.Snapshot;
import dev.gantry.tui.state.Waterfall;
import dev.gantry.tui.view.Panes;
import dev.gantry.tui.view.Table;
import java.util.List;
import java.util.Optional;

/** Turns key strokes into changes of the {@link UiState} and into {@link Actions}. */
public final class Controller {
    private final UiState ui;
    private final Actions actions;
    private final ListKeys listKeys;

    public Controller(UiState ui, Actions actions) {
        this.ui = ui;
        this.actions = actions;
        this.listKeys = new ListKeys(ui, actions, this);
    }

    /** Handles one key; false when the dashboard should quit. */
    public boolean handle(KeyStroke key, Snapshot s) {
        if (key.getKeyType() == KeyType.EOF) {
            return false;
        }
        return switch (ui.mode) {
            case LIST -> listKeys.handle(key, s);
            case FILTER -> typing(key, true);
            case LOG_SEARCH -> typing(key, false);
            case HELP -> {
                ui.mode = Mode.LIST;
                yield true;
            }
            case CONFIRM -> confirm(key);
            case LOGS -> logs(key);
            case DETAILS -> details(key);
            case WATERFALL -> waterfall(key, s);
        };
    }

    void showPane(int n) {
        ui.pane = n;
        actions.paneShown(n);
    }

    void ask(String prompt, Runnable onYes) {
        ui.confirmPrompt = prompt;
        ui.confirmed = onYes;
        ui.mode = Mode.CONFIRM;
    }

    Optional<Table.Row> selectedRow(Snapshot s) {
        List<Table.Row> rows = Panes.rows(ui.pane, s, ui.filter[ui.pane]);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        int i = Math.min(ui.selected[ui.pane], rows.size() - 1);
        return Optional.of(rows.get(i));
    }

    Optional<ContainerRow> selectedContainer(Snapshot s) {
        return selectedRow(s).flatMap(r -> s.containers().stream().filter(c -> c.id().equals(r.key())).findFirst());
    }

    private boolean typing(KeyStroke key, boolean filter) {
        switch (key.getKeyType()) {
            case Character -> ui.input += key.getCharacter();
            case Backspace -> ui.input = ui.input.isEmpty() ? "" : ui.input.substring(0, ui.input.length() - 1);
            case Enter -> {
                ui.mode = filter ? Mode.LIST : Mode.LOGS;
                return true;
            }
            case Escape -> {
                ui.input = "";
                applyTyped(filter);
                ui.mode = filter ? Mode.LIST : Mode.LOGS;
                return true;
            }
            default -> {
                return true;
            }
        }
        applyTyped(filter);
        return true;
    }

    private void applyTyped(boolean filter) {
        if (filter) {
            ui.filter[ui.pane] = ui.input;
            ui.selected[ui.pane] = 0;
        } else if (ui.logs != null) {
            ui.logs.search(ui.input);
        }
    }

    private boolean confirm(KeyStroke key) {
        Character c = key.getKeyType() == KeyType.Character ? key.getCharacter() : null;
        if (c != null && (c == 'y' || c == 'Y')) {
            ui.mode = Mode.LIST;
            Runnable r = ui.confirmed;
            ui.confirmed = null;
            r.run();
        } else if (key.getKeyType() == KeyType.Escape || c != null && (c == 'n' || c == 'N' || c == 'q')) {
            ui.mode = Mode.LIST;
            ui.confirmed = null;
        }
        return true;
    }

    private boolean logs(KeyStroke key) {
        Character c = key.getKeyType() == KeyType.Character ? key.getCharacter() : null;
        if (key.getKeyType() == KeyType.Escape || c != null && c == 'q') {
            actions.closeLogs();
            ui.logs = null;
            ui.mode = Mode.LIST;
        } else if (c != null && (c == ' ' || c == 'p')) {
            ui.logs.togglePause();
        } else if (c != null && c == '/') {
            ui.input = ui.logs.search();
            ui.mode = Mode.LOG_SEARCH;
        } else if (c != null && (c == 'f' || c == 'G')) {
            ui.logs.scroll(Integer.MAX_VALUE);
        } else if (key.getKeyType() == KeyType.ArrowUp || c != null && c == 'k') {
            ui.logs.scroll(-1);
        } else if (key.getKeyType() == KeyType.ArrowDown || c != null && c == 'j') {
            ui.logs.scroll(1);
        } else if (key.getKeyType() == KeyType.PageUp) {
            ui.logs.scroll(-20);
        } else if (key.getKeyType() == KeyType.PageDown) {
            ui.logs.scroll(20);
        }
        return true;
    }

    private boolean details(KeyStroke key) {
        Character c = key.getKeyType() == KeyType.Character ? key.getCharacter() : null;
        if (key.getKeyType() == KeyType.Escape || c != null && c == 'q') {
            ui.mode = Mode.LIST;
            ui.details = null;
            ui.detailsLoading = null;
            return true;
        }
        var json = ui.details();
        if (json == null) {
            return true;
        }
        int n = json.lines().size();
        switch (key.getKeyType()) {
            case ArrowUp -> ui.detailsSelected--;
            case ArrowDown -> ui.detailsSelected++;
            case PageUp -> ui.detailsSelected -= 20;
            case PageDown -> ui.detailsSelected += 20;
            case Enter -> json.toggle(json.lines().get(Math.min(ui.detailsSelected, n - 1)).path());
            case Character -> {
                switch (c) {
                    case 'k' -> ui.detailsSelected--;
                    case 'j' -> ui.detailsSelected++;
                    case ' ' -> json.toggle(json.lines().get(Math.min(ui.detailsSelected, n - 1)).path());
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
        ui.detailsSelected = Math.max(0, Math.min(ui.detailsSelected, json.lines().size() - 1));
        return true;
    }

    private boolean waterfall(KeyStroke key, Snapshot s) {
        Character c = key.getKeyType() == KeyType.Character ? key.getCharacter() : null;
        if (key.getKeyType() == KeyType.Escape || c != null && c == 'q') {
            ui.mode = Mode.LIST;
            return true;
        }
        Waterfall w = s.openTraces().get(ui.traceId);
        int n = w == null ? 0 : w.lines().size();
        if (key.getKeyType() == KeyType.ArrowUp || c != null && c == 'k') {
            ui.spanSelected--;
        } else if (key.getKeyType() == KeyType.ArrowDown || c != null && c == 'j') {
            ui.spanSelected++;
        }
        ui.spanSelected = Math.max(0, Math.min(ui.spanSelected, n - 1));
        return true;
    }
}
