package dev.gantry.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.gantry.tui.state.FoldedJson;
import dev.gantry.tui.state.LogBuffer;
import dev.gantry.tui.state.SpanRow;
import dev.gantry.tui.state.Waterfall;
import java.util.List;
import java.util.Map;

/** The full-body views over a pane: a container's logs, a folded JSON document, a trace's waterfall. */
public final class Views {
    private Views() {
    }

    public static void logs(TextGraphics g, int top, int height, int width, String title, LogBuffer logs) {
        String state = logs.paused() ? "PAUSED" : logs.following() ? "following" : "scrolled";
        String search = logs.search().isEmpty() ? "" : "  search: " + logs.search();
        String ended = logs.ended().isEmpty() ? "" : "  (" + logs.ended() + ")";
        g.enableModifiers(SGR.BOLD);
        g.putString(0, top, Fmt.pad("Logs of " + title + "  [" + state + "]  " + logs.size() + " lines" + search + ended,
                width, false));
        g.disableModifiers(SGR.BOLD);
        List<String> lines = logs.window(height - 1);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean hit = !logs.search().isEmpty();
            if (hit) {
                g.setForegroundColor(TextColor.ANSI.YELLOW);
            }
            g.putString(0, top + 1 + i, Fmt.fit(line.replace('\t', ' '), width));
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
        }
    }

    public static void details(TextGraphics g, int top, int height, int width, String title, FoldedJson json,
                               int selected, String error) {
        g.enableModifiers(SGR.BOLD);
        g.putString(0, top, Fmt.pad("Inspect " + title, width, false));
        g.disableModifiers(SGR.BOLD);
        if (json == null) {
            g.putString(0, top + 1, error == null ? "loading…" : "cannot inspect: " + error);
            return;
        }
        List<FoldedJson.Line> lines = json.lines();
        int visible = height - 1;
        int first = Math.max(0, Math.min(selected - visible / 2, lines.size() - visible));
        for (int i = 0; i < visible && first + i < lines.size(); i++) {
            FoldedJson.Line l = lines.get(first + i);
            String marker = l.foldable() ? (l.open() ? "▾ " : "▸ ") : "  ";
            if (first + i == selected) {
                g.enableModifiers(SGR.REVERSE);
            }
            g.putString(0, top + 1 + i, Fmt.pad("  ".repeat(l.depth()) + marker + l.text(), width, false));
            g.disableModifiers(SGR.REVERSE);
        }
    }

    public static void waterfall(TextGraphics g, int top, int height, int width, String traceId, Waterfall w,
                                 int selected) {
        g.enableModifiers(SGR.BOLD);
        String total = w == null ? "" : "  total " + Fmt.micros(w.totalMicros()) + ", " + w.lines().size() + " spans";
        g.putString(0, top, Fmt.pad("Trace " + traceId + total, width, false));
        g.disableModifiers(SGR.BOLD);
        if (w == null) {
            g.putString(0, top + 1, "loading…");
            return;
        }
        int nameWidth = Math.max(20, width * 2 / 5);
        int durWidth = 9;
        int barWidth = Math.max(5, width - nameWidth - durWidth - 2);
        int attrRows = Math.min(8, Math.max(3, height / 3));
        int visible = Math.max(1, height - 1 - attrRows);
        int first = Math.max(0, Math.min(selected - visible + 1, w.lines().size() - visible));
        first = Math.max(0, Math.min(first, selected));
        for (int i = 0; i < visible && first + i < w.lines().size(); i++) {
            Waterfall.Line l = w.lines().get(first + i);
            int[] bar = w.bar(l, barWidth);
            String name = "  ".repeat(l.depth()) + l.span().name();
            String row = Fmt.pad(name, nameWidth, false) + " " + Fmt.pad(Fmt.micros(l.span().durationMicros()), durWidth, true)
                    + " " + " ".repeat(bar[0]) + "█".repeat(bar[1]);
            if (first + i == selected) {
                g.enableModifiers(SGR.REVERSE);
            }
            if (l.span().status().equals("ERROR")) {
                g.setForegroundColor(TextColor.ANSI.RED);
            }
            g.putString(0, top + 1 + i, Fmt.pad(row, width, false));
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
            g.disableModifiers(SGR.REVERSE);
        }
        if (w.lines().isEmpty()) {
            return;
        }
        SpanRow span = w.lines().get(Math.min(selected, w.lines().size() - 1)).span();
        int y = top + 1 + visible;
        g.enableModifiers(SGR.BOLD);
        g.putString(0, y++, Fmt.pad(span.name() + "  " + span.status() + "  " + Fmt.micros(span.durationMicros()), width, false));
        g.disableModifiers(SGR.BOLD);
        for (Map.Entry<String, String> a : span.attributes().entrySet()) {
            if (y >= top + height) {
                break;
            }
            g.putString(0, y++, Fmt.fit("  " + a.getKey() + " = " + a.getValue(), width));
        }
    }
}
