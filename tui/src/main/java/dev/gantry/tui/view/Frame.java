package dev.gantry.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.screen.Screen;
import dev.gantry.tui.keys.Mode;
import dev.gantry.tui.keys.UiState;
import dev.gantry.tui.state.EngineInfo;
import dev.gantry.tui.state.Link;
import dev.gantry.tui.state.Snapshot;
import java.io.IOException;
import java.util.List;

/**
 * One frame: the pane tabs, the connection line, the pane (or the view over it), the message line and the
 * footer of keys. Redrawn whole; Lanterna sends only the cells that changed.
 */
public final class Frame {
    private Frame() {
    }

    /** The rows of the pane body: the screen less the tabs, the connection line, the message and the footer. */
    public static int bodyHeight(int screenRows) {
        return Math.max(1, screenRows - 4);
    }

    /** Draws a frame; {@code complete} repaints every cell (after a resize or a shell), else only changes. */
    public static void draw(Screen screen, UiState ui, Snapshot s, boolean complete) throws IOException {
        if (complete) {
            screen.clear();
        }
        TerminalSize size = screen.getTerminalSize();
        TextGraphics g = screen.newTextGraphics();
        g.fill(' ');
        int w = size.getColumns();
        int h = size.getRows();
        tabs(g, ui.pane(), w);
        status(g, s, ui, w);
        int top = 2;
        int height = bodyHeight(h);
        body(g, ui, s, top, height, w);
        if (!s.message().isEmpty()) {
            g.setForegroundColor(TextColor.ANSI.YELLOW);
            g.putString(0, h - 2, Fmt.fit(s.message(), w));
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
        }
        g.enableModifiers(SGR.REVERSE);
        g.putString(0, h - 1, Fmt.pad(Help.footer(ui.mode(), ui.pane(), w), w, false));
        g.disableModifiers(SGR.REVERSE);
        if (ui.mode() == Mode.HELP) {
            Boxes.help(g, size);
        } else if (ui.mode() == Mode.CONFIRM) {
            Boxes.confirm(g, size, ui.confirmPrompt());
        }
        screen.refresh(complete ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    }

    private static void tabs(TextGraphics g, int pane, int w) {
        int x = 0;
        for (int i = 1; i <= Panes.count() && x < w; i++) {
            String tab = i + " " + Panes.get(i).title();
            if (i == pane) {
                g.enableModifiers(SGR.REVERSE, SGR.BOLD);
            }
            g.putString(x, 0, Fmt.fit(tab, w - x));
            g.disableModifiers(SGR.REVERSE, SGR.BOLD);
            x += tab.length() + 1;
        }
    }

    private static void status(TextGraphics g, Snapshot s, UiState ui, int w) {
        Link link = s.link();
        String filter = ui.mode() == Mode.FILTER ? "  filter: " + ui.input() + "_"
                : ui.filter().isEmpty() ? "" : "  filter: " + ui.filter();
        String search = ui.mode() == Mode.LOG_SEARCH ? "  search: " + ui.input() + "_" : "";
        String line;
        if (link.connected()) {
            g.setForegroundColor(TextColor.ANSI.GREEN);
            EngineInfo e = s.engine();
            String engine = e == null ? "" : "  " + e.product() + " " + e.version() + "  " + s.containers().stream()
                    .filter(c -> c.state().equals("running")).count() + "/" + s.containers().size() + " running";
            line = "connected " + s.host() + engine;
        } else {
            g.setForegroundColor(TextColor.ANSI.RED);
            long wait = Math.max(0, (link.retryAtMillis() - System.currentTimeMillis() + 999) / 1000);
            line = link.reason().equals("connecting") ? "connecting to " + s.host() + "…"
                    : "disconnected from " + s.host() + ": " + link.reason() + " (retrying in " + wait + "s)";
        }
        g.putString(0, 1, Fmt.fit(line + filter + search, w));
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    private static void body(TextGraphics g, UiState ui, Snapshot s, int top, int height, int w) {
        switch (ui.mode()) {
            case LOGS, LOG_SEARCH -> Views.logs(g, top, height, w, ui.title(), ui.logs());
            case DETAILS -> Views.details(g, top, height, w, ui.title(), ui.details(), ui.detailsSelected(), ui.detailsError());
            case WATERFALL -> Views.waterfall(g, top, height, w, ui.traceId(), s.openTraces().get(ui.traceId()),
                    ui.spanSelected());
            default -> pane(g, ui, s, top, height, w);
        }
    }

    private static void pane(TextGraphics g, UiState ui, Snapshot s, int top, int height, int w) {
        Pane p = Panes.get(ui.pane());
        String missing = p.missing(s);
        if (missing != null) {
            g.setForegroundColor(TextColor.ANSI.YELLOW);
            g.putString(0, top + 1, Fmt.fit(p.title() + ": " + missing, w));
            g.putString(0, top + 2, Fmt.fit("this engine does not offer it; the other panes work.", w));
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
            return;
        }
        List<Table.Row> rows = Panes.rows(ui.pane(), s, ui.filter());
        int selected = Math.min(ui.selected(), Math.max(0, rows.size() - 1));
        Table.draw(g, top, height, w, p.columns(), rows, selected);
        if (rows.isEmpty()) {
            g.putString(0, top + 2, s.link().connected() ? "(none)" : "(no data: not connected)");
        }
    }
}
