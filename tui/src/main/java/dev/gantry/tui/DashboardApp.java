package dev.gantry.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import dev.gantry.tui.client.EngineClient;
import dev.gantry.tui.keys.Controller;
import dev.gantry.tui.keys.Mode;
import dev.gantry.tui.keys.UiState;
import dev.gantry.tui.state.DashboardState;
import dev.gantry.tui.sync.EngineSync;
import dev.gantry.tui.state.Snapshot;
import dev.gantry.tui.view.Frame;
import dev.gantry.tui.view.Panes;
import dev.gantry.tui.view.Table;
import java.util.Set;
import java.io.IOException;

/**
 * The UI thread: reads keys, redraws when the state changed (at most four frames a second, keys at once) or the terminal was
 * resized, and hands the terminal to {@code docker exec} for a shell. It never waits on the engine.
 */
final class DashboardApp {
    private static final long FRAME_MILLIS = 250;
    private static final long STATS_GRACE_MILLIS = 15_000;
    private final DashboardState state;
    private final EngineSync sync;
    private final UiState ui = new UiState();
    private final Controller controller;
    private Screen screen;
    private boolean complete = true;
    private long lastOnContainers;

    DashboardApp(EngineClient client, DashboardState state, EngineSync sync) {
        this.state = state;
        this.sync = sync;
        this.controller = new Controller(ui, new LiveActions(client, state, sync, this::shell));
    }

    void run() throws IOException, InterruptedException {
        screen = open();
        try {
            loop();
        } finally {
            screen.stopScreen();
        }
    }

    private static Screen open() throws IOException {
        Screen s = new TerminalScreen(new DefaultTerminalFactory().createTerminal());
        s.startScreen();
        s.setCursorPosition(null);
        return s;
    }

    private void loop() throws IOException, InterruptedException {
        long drawn = -1;
        long lastDraw = 0;
        while (true) {
            boolean keyed = false;
            for (KeyStroke k = screen.pollInput(); k != null; k = screen.pollInput()) {
                if (!controller.handle(k, state.snapshot())) {
                    return;
                }
                keyed = true;
            }
            if (screen.doResizeIfNecessary() != null) {
                complete = true;
            }
            long now = System.currentTimeMillis();
            // logs, loading views and the reconnect countdown change without a state version
            boolean ticking = ui.mode() == Mode.LOGS || ui.mode() == Mode.LOG_SEARCH || ui.mode() == Mode.DETAILS
                    || !state.link().connected();
            boolean due = now - lastDraw >= (FRAME_MILLIS) && (ticking || state.version() != drawn);
            if (keyed || complete || due) {
                drawn = state.version();
                Snapshot snap = state.snapshot();
                Frame.draw(screen, ui, snap, complete);
                watchShownRows(snap);
                complete = false;
                lastDraw = now;
            }
            Thread.sleep(keyed ? 5 : 30);
        }
    }

    /**
     * While the Containers pane's list is up, its rows on screen are the ones to stream stats for. Away from it
     * the streams stay open a little (a quick look at another pane comes back to live figures), then close.
     */
    private void watchShownRows(Snapshot snap) {
        if (ui.pane() == 1 && ui.mode() == Mode.LIST) {
            int height = Frame.bodyHeight(screen.getTerminalSize().getRows());
            sync.statsFor(Set.copyOf(Table.shown(Panes.rows(1, snap, ui.filter()), ui.selected(), height)));
            lastOnContainers = System.currentTimeMillis();
        }
    }

    private void closeStatsWhenAway(long now) {
        if (ui.pane() != 1 && now - lastOnContainers > STATS_GRACE_MILLIS) {
            sync.statsFor(Set.of());
        }
    }

    /** Gives the terminal to {@code docker exec -it} and takes it back when the shell ends. */
    private void shell(String[] command) {
        try {
            screen.stopScreen();
            screen.close();
            Process p = new ProcessBuilder(command).inheritIO().start();
            p.waitFor();
            state.message(p.exitValue() == 0 ? "shell ended" : "shell ended with exit code " + p.exitValue());
        } catch (IOException e) {
            state.message("cannot run " + command[0] + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                screen = open();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            complete = true;
        }
    }
}
