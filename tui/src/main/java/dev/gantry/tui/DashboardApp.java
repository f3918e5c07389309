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
import dev.gantry.tui.view.Frame;
import java.io.IOException;

/**
 * The UI thread: reads keys, redraws when the state changed (at most ten frames a second) or the terminal was
 * resized, and hands the terminal to {@code docker exec} for a shell. It never waits on the engine.
 */
final class DashboardApp {
    private static final long FRAME_MILLIS = 100;
    private final DashboardState state;
    private final UiState ui = new UiState();
    private final Controller controller;
    private Screen screen;
    private boolean complete = true;

    DashboardApp(EngineClient client, DashboardState state, EngineSync sync) {
        this.state = state;
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
            boolean due = now - lastDraw >= (ticking ? 250 : FRAME_MILLIS) && (ticking || state.version() != drawn);
            if (keyed || complete || due) {
                drawn = state.version();
                Frame.draw(screen, ui, state.snapshot(), complete);
                complete = false;
                lastDraw = now;
            }
            Thread.sleep(keyed ? 5 : 30);
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
