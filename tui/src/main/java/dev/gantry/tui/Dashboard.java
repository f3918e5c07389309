package dev.gantry.tui;

import dev.gantry.tui.client.DockerHost;
import dev.gantry.tui.client.EngineClient;
import dev.gantry.tui.state.DashboardState;
import dev.gantry.tui.sync.EngineSync;
import java.io.IOException;

/**
 * {@code scripts/gantry tui}: the full-screen dashboard of any Docker API engine ({@code --host unix:///path} or
 * {@code tcp://host:port}, else {@code --socket PATH}, else {@code DOCKER_HOST}, else Gantry's socket).
 */
public final class Dashboard {
    private Dashboard() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println("Usage: gantry-tui [--host unix:///PATH|tcp://HOST:PORT] [--socket PATH]");
                return;
            }
        }
        DockerHost host;
        try {
            host = DockerHost.choose(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("gantry tui: " + e.getMessage());
            System.exit(2);
            return;
        }
        EngineClient client = new EngineClient(host);
        DashboardState state = new DashboardState(host.toString());
        EngineSync sync = new EngineSync(client, state);
        sync.start();
        try {
            new DashboardApp(client, state, sync).run();
        } finally {
            sync.stop();
        }
        System.exit(0);
    }
}
