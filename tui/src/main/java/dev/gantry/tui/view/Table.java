package dev.gantry.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws rows under a header in a box of the screen, with the selected row in reverse video and scrolled into
 * view. Flexible columns share the width that fixed ones leave; at 80 columns the last ones are cut.
 */
public final class Table {
    public record Column(String title, int width, boolean flex, boolean right) {
        public static Column fixed(String title, int width) {
            return new Column(title, width, false, false);
        }

        public static Column number(String title, int width) {
            return new Column(title, width, false, true);
        }

        public static Column flex(String title, int min) {
            return new Column(title, min, true, false);
        }
    }

    /** One row: its key (what actions act on), its cells, and a colour for its state (null: default). */
    public record Row(String key, List<String> cells, TextColor color) {
        public Row(String key, List<String> cells) {
            this(key, cells, null);
        }

        public String text() {
            return String.join(" ", cells);
        }
    }

    private Table() {
    }

    public static Column fixed(String title, int width) {
        return Column.fixed(title, width);
    }

    public static Column number(String title, int width) {
        return Column.number(title, width);
    }

    public static Column flex(String title, int min) {
        return Column.flex(title, min);
    }

    static int[] widths(List<Column> columns, int width) {
        int fixed = 0;
        int flex = 0;
        for (Column c : columns) {
            fixed += c.width() + 1;
            if (c.flex()) {
                flex++;
            }
        }
        int extra = Math.max(0, width - fixed);
        int[] w = new int[columns.size()];
        for (int i = 0; i < w.length; i++) {
            Column c = columns.get(i);
            w[i] = c.width() + (c.flex() && flex > 0 ? extra / flex : 0);
        }
        return w;
    }

    static String line(List<Column> columns, int[] w, List<String> cells, int width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size() && sb.length() < width; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Fmt.pad(i < cells.size() ? cells.get(i) : "", w[i], columns.get(i).right()));
        }
        return Fmt.pad(sb.toString(), width, false);
    }

    /** The first row shown when {@code visible} rows fit and {@code selected} must be among them. */
    public static int first(int selected, int rows, int visible) {
        int first = Math.max(0, Math.min(selected - visible + 1, rows - visible));
        return Math.max(0, Math.min(first, selected));
    }

    /** The keys of the rows a table of {@code height} lines (header included) shows. */
    public static List<String> shown(List<Row> rows, int selected, int height) {
        int visible = Math.max(0, height - 1);
        int first = first(Math.min(selected, Math.max(0, rows.size() - 1)), rows.size(), visible);
        return rows.subList(first, Math.min(rows.size(), first + visible)).stream().map(Row::key).toList();
    }

    /** Draws at rows {@code top..top+height-1}. */
    public static void draw(TextGraphics g, int top, int height, int width, List<Column> columns, List<Row> rows,
                            int selected) {
        int[] w = widths(columns, width);
        List<String> titles = new ArrayList<>();
        columns.forEach(c -> titles.add(c.title()));
        g.enableModifiers(SGR.BOLD);
        g.putString(0, top, line(columns, w, titles, width));
        g.disableModifiers(SGR.BOLD);
        int visible = Math.max(0, height - 1);
        int first = first(selected, rows.size(), visible);
        for (int i = 0; i < visible && first + i < rows.size(); i++) {
            Row r = rows.get(first + i);
            boolean sel = first + i == selected;
            if (r.color() != null) {
                g.setForegroundColor(r.color());
            }
            if (sel) {
                g.enableModifiers(SGR.REVERSE);
            }
            g.putString(0, top + 1 + i, line(columns, w, r.cells(), width));
            g.disableModifiers(SGR.REVERSE);
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
        }
    }
}
