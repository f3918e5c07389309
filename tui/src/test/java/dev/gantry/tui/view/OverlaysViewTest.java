package dev.gantry.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.gantry.tui.client.Json;
import dev.gantry.tui.keys.Controller;
import dev.gantry.tui.keys.FakeActions;
import dev.gantry.tui.keys.Mode;
import dev.gantry.tui.keys.UiState;
import dev.gantry.tui.state.DashboardState;
import dev.gantry.tui.state.Link;
import dev.gantry.tui.state.SpanRow;
import dev.gantry.tui.state.Waterfall;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The help overlay, the y/n dialog and the views over a pane, drawn on the virtual terminal. */
class OverlaysViewTest {
    private final DashboardState state = Canned.engine();
    private final UiState ui = new UiState();
    private final FakeActions actions = new FakeActions();
    private final Controller keys = new Controller(ui, actions);

    private void press(char c) {
        keys.handle(new KeyStroke(c, false, false), state.snapshot());
    }

    private void press(KeyType t) {
        keys.handle(new KeyStroke(t), state.snapshot());
    }

    private String screen() throws IOException {
        return Canned.render(ui, state.snapshot(), 100, 30);
    }

    @Test
    void helpOverlayListsTheKeysAndAnyKeyClosesIt() throws IOException {
        press('?');
        String s = screen();
        assertTrue(s.contains("Gantry dashboard: keys"), s);
        assertTrue(s.contains("l logs  i inspect  s stop/start  r restart"), s);
        assertTrue(s.contains("Images         d remove (asks)  P prune dangling (asks)"), s);
        assertTrue(s.contains("any key closes the help"), s);
        press('x');
        assertEquals(Mode.LIST, ui.mode());
        assertTrue(!screen().contains("Gantry dashboard: keys"));
        assertTrue(actions.calls.stream().noneMatch(c -> c.startsWith("exec")), actions.calls.toString());
    }

    @Test
    void removeAsksAndOnlyYesRemoves() throws IOException {
        press('d');
        String s = screen();
        assertTrue(s.contains("Remove container web (running: forced)? y/n"), s);
        assertTrue(s.contains("[y] yes    [n] no"), s);
        assertTrue(s.contains("y yes  n/Esc no"), s);
        press('n');
        assertTrue(actions.calls.stream().noneMatch(c -> c.startsWith("rm ")), actions.calls.toString());
        press('d');
        press('y');
        assertTrue(actions.calls.contains("rm " + Canned.WEB_ID), actions.calls.toString());
        assertTrue(!screen().contains("Remove container"));
    }

    @Test
    void imagePruneAsks() throws IOException {
        press('2');
        press('P');
        assertTrue(screen().contains("Prune unused images (dangling)? y/n"));
        press(KeyType.Escape);
        assertTrue(actions.calls.stream().noneMatch(c -> c.startsWith("prune")), actions.calls.toString());
        press('P');
        press('y');
        assertTrue(actions.calls.contains("prune images"), actions.calls.toString());
    }

    @Test
    void logsFollowPauseAndSearch() throws IOException {
        press('l');
        for (int i = 0; i < 40; i++) {
            actions.logs.add((i % 2 == 0 ? "even " : "odd ") + i);
        }
        String s = screen();
        assertTrue(s.contains("Logs of web  [following]  40 lines"), s);
        assertTrue(s.contains("odd 39") && !s.contains("even 0\n"), s);
        press(' ');
        actions.logs.add("even 40");
        s = screen();
        assertTrue(s.contains("[PAUSED]") && !s.contains("even 40"), s);
        press(' ');
        press('/');
        for (char c : "odd 3".toCharArray()) {
            press(c);
        }
        press(KeyType.Enter);
        s = screen();
        assertTrue(s.contains("search: odd 3") && s.contains("odd 31") && !s.contains("even 30"), s);
        press(KeyType.Escape);
        assertTrue(actions.calls.contains("close logs"), actions.calls.toString());
    }

    @Test
    void inspectFoldsAndUnfolds() throws IOException {
        press('i');
        String s = screen();
        assertTrue(s.contains("Inspect web"), s);
        assertTrue(s.contains("▸ \"State\": {…} 2 keys"), s);
        press(KeyType.ArrowDown);
        press(KeyType.ArrowDown);
        press(KeyType.Enter);
        s = screen();
        assertTrue(s.contains("▾ \"State\": {") && s.contains("\"Pid\": 42"), s);
    }

    @Test
    void traceOpensAsAWaterfall() throws IOException {
        press('6');
        press(KeyType.Enter);
        String id = "0af7651916cd43dd8448eb211c80319c";
        assertTrue(actions.calls.contains("trace " + id), actions.calls.toString());
        assertTrue(screen().contains("loading…"));
        state.openTrace(id, Waterfall.of(List.of(
                SpanRow.from(Json.parse("""
                        {"SpanId":"s1","ParentSpanId":"","Name":"POST /containers/create","Start":"2026-12-02T03:04:05Z",
                         "DurationMicros":1000000,"Status":"UNSET","Attributes":{"http.route":"/containers/create"}}""")),
                SpanRow.from(Json.parse("""
                        {"SpanId":"s2","ParentSpanId":"s1","Name":"container.create","Start":"2026-12-02T03:04:05.500Z",
                         "DurationMicros":500000,"Status":"UNSET","Attributes":{"container.name":"web"}}""")))));
        String s = screen();
        assertTrue(s.contains("Trace " + id + "  total 1.00s, 2 spans"), s);
        assertTrue(s.matches("(?s).*POST /containers/create\\s+1\\.00s █+\\s*\n.*"), s);
        assertTrue(s.matches("(?s).*\n  container\\.create\\s+500\\.0ms {20,}█+.*"), s);
        assertTrue(s.contains("http.route = /containers/create"), s);
        press(KeyType.ArrowDown);
        assertTrue(screen().contains("container.name = web"));
    }

    @Test
    void disconnectedShowsWhyAndTheRetry() throws IOException {
        state.link(Link.down("Connection refused", System.currentTimeMillis() + 4000));
        String s = screen();
        assertTrue(s.matches("(?s).*disconnected from unix:///run/gantry/gantry\\.sock: Connection refused \\(retrying in [1-4]s\\).*"), s);
    }
}
