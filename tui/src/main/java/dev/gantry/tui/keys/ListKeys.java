package dev.gantry.tui.keys;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.gantry.tui.state.ContainerRow;
import dev.gantry.tui.state.Snapshot;
import dev.gantry.tui.view.Panes;

/** The keys of a pane's list: moving, switching panes, filtering, and the per-pane actions. */
final class ListKeys {
    private final UiState ui;
    private final Actions actions;
    private final Controller controller;

    ListKeys(UiState ui, Actions actions, Controller controller) {
        this.ui = ui;
        this.actions = actions;
        this.controller = controller;
    }

    boolean handle(KeyStroke key, Snapshot s) {
        int rows = Panes.rows(ui.pane, s, ui.filter[ui.pane]).size();
        switch (key.getKeyType()) {
            case ArrowUp -> move(-1, rows);
            case ArrowDown -> move(1, rows);
            case PageUp -> move(-10, rows);
            case PageDown -> move(10, rows);
            case Home -> ui.selected[ui.pane] = 0;
            case End -> ui.selected[ui.pane] = Math.max(0, rows - 1);
            case Tab -> controller.showPane(ui.pane % UiState.PANES + 1);
            case ReverseTab -> controller.showPane((ui.pane + UiState.PANES - 2) % UiState.PANES + 1);
            case Enter -> enter(s);
            case Escape -> {
                if (ui.filter[ui.pane].isEmpty()) {
                    return false;
                }
                ui.filter[ui.pane] = "";
            }
            case Character -> {
                return character(key.getCharacter(), s, rows);
            }
            default -> {
            }
        }
        return true;
    }

    private void move(int delta, int rows) {
        ui.selected[ui.pane] = Math.max(0, Math.min(rows - 1, ui.selected[ui.pane] + delta));
    }

    private boolean character(char c, Snapshot s, int rows) {
        if (c >= '1' && c <= '0' + UiState.PANES) {
            controller.showPane(c - '0');
            return true;
        }
        switch (c) {
            case 'q' -> {
                return false;
            }
            case 'j' -> move(1, rows);
            case 'k' -> {
                if (ui.pane == 1) {
                    // k also moves up elsewhere: a kill by a slip of the finger would hurt, so it asks
                    controller.selectedContainer(s).ifPresent(ct -> controller.ask("Kill container " + ct.name()
                            + "? y/n", () -> actions.container(ct.id(), "kill")));
                } else {
                    move(-1, rows);
                }
            }
            case '/' -> {
                ui.input = ui.filter[ui.pane];
                ui.mode = Mode.FILTER;
            }
            case '?' -> ui.mode = Mode.HELP;
            default -> paneKey(c, s);
        }
        return true;
    }

    private void enter(Snapshot s) {
        controller.selectedRow(s).ifPresent(r -> {
            if (ui.pane == 6) {
                ui.traceId = r.key();
                ui.spanSelected = 0;
                ui.mode = Mode.WATERFALL;
                actions.openTrace(r.key());
            } else {
                openDetails(r.cells().getFirst(), r.key());
            }
        });
    }

    private void openDetails(String title, String key) {
        ui.title = title;
        ui.details = null;
        ui.detailsSelected = 0;
        ui.detailsLoading = actions.details(ui.pane, key);
        ui.mode = Mode.DETAILS;
    }

    private void paneKey(char c, Snapshot s) {
        switch (ui.pane) {
            case 1 -> controller.selectedContainer(s).ifPresent(ct -> containerKey(c, ct));
            case 2, 3 -> removeOrPrune(c, s);
            default -> {
            }
        }
    }

    private void containerKey(char c, ContainerRow ct) {
        switch (c) {
            case 'l' -> {
                ui.title = ct.name();
                ui.logs = actions.openLogs(ct.id());
                ui.mode = Mode.LOGS;
            }
            case 'i' -> openDetails(ct.name(), ct.id());
            case 's' -> actions.container(ct.id(), ct.running() ? "stop" : "start");
            case 'r' -> actions.container(ct.id(), "restart");
            case 'p' -> actions.container(ct.id(), ct.state().equals("paused") ? "unpause" : "pause");
            case 'd' -> controller.ask("Remove container " + ct.name() + (ct.running() ? " (running: forced)" : "")
                    + "? y/n", () -> actions.removeContainer(ct.id()));
            case 'x' -> actions.exec(ct.id());
            default -> {
            }
        }
    }

    private void removeOrPrune(char c, Snapshot s) {
        boolean images = ui.pane == 2;
        String what = images ? "image" : "volume";
        if (c == 'd') {
            controller.selectedRow(s).ifPresent(r -> controller.ask("Remove " + what + " " + r.cells().getFirst() + "? y/n",
                    () -> {
                        if (images) {
                            actions.removeImage(r.key());
                        } else {
                            actions.removeVolume(r.key());
                        }
                    }));
        } else if (c == 'P') {
            controller.ask(images ? "Prune unused images (dangling)? y/n" : "Prune unused volumes? y/n",
                    images ? actions::pruneImages : actions::pruneVolumes);
        }
    }
}
