package dev.gantry.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.List;

/** Centred boxes over the pane: the help overlay and the y/n dialog. */
public final class Boxes {
    private Boxes() {
    }

    public static void box(TextGraphics g, TerminalSize screen, List<String> lines, boolean boldFirst) {
        int w = Math.min(screen.getColumns() - 2, lines.stream().mapToInt(String::length).max().orElse(10) + 4);
        int h = Math.min(screen.getRows() - 2, lines.size() + 2);
        int x = Math.max(0, (screen.getColumns() - w) / 2);
        int y = Math.max(0, (screen.getRows() - h) / 2);
        g.fillRectangle(new TerminalPosition(x, y), new TerminalSize(w, h), ' ');
        g.drawRectangle(new TerminalPosition(x, y), new TerminalSize(w, h), '#');
        for (int i = 0; i < lines.size() && i < h - 2; i++) {
            if (i == 0 && boldFirst) {
                g.enableModifiers(SGR.BOLD);
            }
            g.putString(x + 2, y + 1 + i, Fmt.fit(lines.get(i), w - 4));
            g.disableModifiers(SGR.BOLD);
        }
    }

    public static void help(TextGraphics g, TerminalSize screen) {
        box(g, screen, Help.LINES, true);
    }

    public static void confirm(TextGraphics g, TerminalSize screen, String prompt) {
        box(g, screen, List.of("Confirm", "", prompt, "", "[y] yes    [n] no"), true);
    }
}
