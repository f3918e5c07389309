package dev.gantry.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.screen.Screen;
import java.io.IOException;

/** Draws the model onto a Lanterna screen: engine, plugins, recent traces, and the keys. */
public final class DashboardView {
    private final Screen screen;

    public DashboardView(Screen screen) {
        this.screen = screen;
    }

    public void draw(DashboardModel model) throws IOException {
        screen.doResizeIfNecessary();
        screen.clear();
        TextGraphics g = screen.newTextGraphics();
        TerminalSize size = screen.getTerminalSize();
        g.enableModifiers(SGR.BOLD);
        g.putString(0, 0, "Gantry dashboard");
        g.disableModifiers(SGR.BOLD);
        int row = 2;
        if (!model.error().isEmpty()) {
            g.setForegroundColor(TextColor.ANSI.RED);
            g.putString(0, row++, truncate(model.error(), size.getColumns()));
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
        }
        var e = model.engine();
        if (e != null) {
            g.putString(0, row++, String.format("Engine %s  API %s  storage %s  runtime %s", e.version(), e.apiVersion(),
                    e.storageDriver(), e.defaultRuntime()));
            g.putString(0, row++, String.format("Containers %d (%d running)  Images %d  CPUs %d  Memory %.1f GiB  Kernel %s",
                    e.containers(), e.running(), e.images(), e.cpus(), e.memTotal() / 1073741824.0, e.kernel()));
        }
        row++;
        g.enableModifiers(SGR.BOLD);
        g.putString(0, row++, String.format("%-8s %-10s %-8s %-11s %s", "KIND", "PLUGIN", "VERSION", "STATE", "NOTE"));
        g.disableModifiers(SGR.BOLD);
        for (var p : model.plugins()) {
            String state = p.available() ? (p.selected() ? "in use" : "available") : "unavailable";
            g.setForegroundColor(p.available() ? TextColor.ANSI.GREEN : TextColor.ANSI.YELLOW);
            g.putString(0, row++, truncate(String.format("%-8s %-10s %-8s %-11s %s", p.kind(), p.name(), p.version(),
                    state, p.reason()), size.getColumns()));
        }
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        row++;
        g.enableModifiers(SGR.BOLD);
        g.putString(0, row++, String.format("%-40s %10s %6s", "RECENT TRACES", "µs", "SPANS"));
        g.disableModifiers(SGR.BOLD);
        for (var t : model.traces()) {
            if (row >= size.getRows() - 1) {
                break;
            }
            g.putString(0, row++, String.format("%-40s %10d %6d", truncate(t.name(), 40), t.durationMicros(), t.spans()));
        }
        g.putString(0, size.getRows() - 1, "q quit   r refresh");
        screen.refresh();
    }

    private static String truncate(String s, int width) {
        return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "…";
    }
}
