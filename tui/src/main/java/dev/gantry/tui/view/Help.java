package dev.gantry.tui.view;

import dev.gantry.tui.keys.Mode;
import java.util.List;

/** The keys: the help overlay's text and the footer's line for each pane and view. */
public final class Help {
    public static final List<String> LINES = List.of(
            "Gantry dashboard: keys",
            "",
            "1-8, Tab       switch pane: Containers Images Volumes Networks",
            "               Events Traces Hooks Engine (Shift-Tab back)",
            "Up/Down j/k    select        PgUp/PgDn Home/End  jump",
            "Enter          details (inspect) / a trace's span tree",
            "/              filter the pane (Esc clears)",
            "?              this help     q / Esc  back, or quit",
            "",
            "Containers     l logs  i inspect  s stop/start  r restart",
            "               p pause/unpause  k kill (asks)  d remove (asks)",
            "               x shell (docker exec -it ... sh)",
            "Images         d remove (asks)  P prune dangling (asks)",
            "Volumes        d remove (asks)  P prune unused (asks)",
            "Logs           space/p pause  / search  f follow  Up/Down scroll",
            "Inspect        Up/Down move  Enter/space fold or unfold",
            "",
            "press any key to close");

    private Help() {
    }

    public static String footer(Mode mode, int pane, int width) {
        return switch (mode) {
            case LIST -> {
                Pane p = Panes.get(pane);
                String full = (p.keys().isEmpty() ? "" : p.keys() + "  ") + p.enterKey() + "  / filter  ? help  q quit";
                yield full.length() <= width ? full : "? help q quit " + p.shortKeys();
            }
            case FILTER -> "type to filter  Enter keep  Esc clear";
            case HELP -> "any key closes the help";
            case CONFIRM -> "y yes  n/Esc no";
            case LOGS -> "space pause  / search  f follow  Up/Down scroll  Esc back";
            case LOG_SEARCH -> "type to search  Enter keep  Esc clear";
            case DETAILS -> "Up/Down move  Enter fold/unfold  Esc back";
            case WATERFALL -> "Up/Down span  Esc back";
        };
    }
}
