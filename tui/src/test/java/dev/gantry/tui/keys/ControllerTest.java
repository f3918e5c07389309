package dev.gantry.tui.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.gantry.tui.client.Json;
import dev.gantry.tui.state.ContainerRow;
import dev.gantry.tui.state.DashboardState;
import dev.gantry.tui.state.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerTest {
    private final UiState ui = new UiState();
    private final FakeActions actions = new FakeActions();
    private final Controller keys = new Controller(ui, actions);
    private final Snapshot snap;

    ControllerTest() {
        DashboardState st = new DashboardState("unix:///x");
        st.containers(List.of(row("a1", "web", "running"), row("b2", "db", "paused"), row("c3", "old", "exited")));
        snap = st.snapshot();
    }

    private static ContainerRow row(String id, String name, String state) {
        return ContainerRow.from(Json.parse("{\"Id\":\"" + id + "\",\"Names\":[\"/" + name + "\"],\"State\":\"" + state + "\"}"));
    }

    private boolean press(char c) {
        return keys.handle(new KeyStroke(c, false, false), snap);
    }

    @Test
    void numbersAndTabSwitchPanes() {
        press('5');
        assertEquals(5, ui.pane());
        keys.handle(new KeyStroke(KeyType.Tab), snap);
        assertEquals(6, ui.pane());
        keys.handle(new KeyStroke(KeyType.ReverseTab), snap);
        keys.handle(new KeyStroke(KeyType.ReverseTab), snap);
        assertEquals(4, ui.pane());
        press('8');
        keys.handle(new KeyStroke(KeyType.Tab), snap);
        assertEquals(1, ui.pane());
        assertTrue(actions.calls.containsAll(List.of("pane 5", "pane 6", "pane 4", "pane 8", "pane 1")), actions.calls.toString());
    }

    @Test
    void selectionMovesWithinTheRows() {
        press('j');
        press('j');
        press('j');
        assertEquals(2, ui.selected());
        keys.handle(new KeyStroke(KeyType.ArrowUp), snap);
        assertEquals(1, ui.selected());
    }

    @Test
    void containerKeysActOnTheSelectedOne() {
        press('s');
        press('j');
        press('p');
        press('s');
        press('j');
        press('s');
        press('r');
        press('x');
        assertEquals(List.of("stop a1", "unpause b2", "stop b2", "start c3", "restart c3", "exec c3"), actions.calls);
    }

    @Test
    void killAsksFirst() {
        press('k');
        assertEquals(Mode.CONFIRM, ui.mode());
        assertEquals("Kill container web? y/n", ui.confirmPrompt());
        press('y');
        assertEquals(List.of("kill a1"), actions.calls);
    }

    @Test
    void filterNarrowsTheRowsAndEscClearsIt() {
        press('/');
        press('d');
        press('b');
        keys.handle(new KeyStroke(KeyType.Enter), snap);
        assertEquals("db", ui.filter());
        press('s');
        assertEquals(List.of("stop b2"), actions.calls);
        assertTrue(keys.handle(new KeyStroke(KeyType.Escape), snap), "Esc clears the filter first");
        assertEquals("", ui.filter());
        assertFalse(keys.handle(new KeyStroke(KeyType.Escape), snap), "then quits");
    }

    @Test
    void qQuitsFromTheListButOnlyLeavesAView() {
        press('l');
        assertTrue(press('q'));
        assertEquals(Mode.LIST, ui.mode());
        assertFalse(press('q'));
    }
}
