package dev.gantry.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import java.io.IOException;
import java.nio.file.Path;

/** {@code scripts/gantry tui}: the full-screen dashboard. Polls every second; q quits, r refreshes now. */
public final class Dashboard {
    private Dashboard() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path socket = Path.of("/run/gantry/gantry.sock");
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--socket")) {
                socket = Path.of(args[i + 1]);
            }
        }
        GantryClient client = new GantryClient(socket);
        DashboardModel model = new DashboardModel();
        try (Screen screen = new TerminalScreen(new DefaultTerminalFactory().createTerminal())) {
            screen.startScreen();
            screen.setCursorPosition(null);
            DashboardView view = new DashboardView(screen);
            long next = 0;
            while (true) {
                if (System.currentTimeMillis() >= next) {
                    model.refresh(client);
                    view.draw(model);
                    next = System.currentTimeMillis() + 1000;
                }
                KeyStroke key = screen.pollInput();
                if (key == null) {
                    Thread.sleep(50);
                } else if (key.getKeyType() == KeyType.EOF || key.getKeyType() == KeyType.Escape
                        || (key.getKeyType() == KeyType.Character && key.getCharacter() == 'q')) {
                    return;
                } else if (key.getKeyType() == KeyType.Character && key.getCharacter() == 'r') {
                    next = 0;
                }
            }
        }
    }
}
