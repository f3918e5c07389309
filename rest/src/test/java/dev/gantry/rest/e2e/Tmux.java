package dev.gantry.rest.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A detached tmux session of a fixed size on a server of its own ({@code tmux -L}), for driving a full-screen
 * program by keys and reading its screen. Closing it kills that server, and only that one.
 */
final class Tmux implements AutoCloseable {
    private final String server;
    private final String session = "t";
    private String socketPath = "";

    private Tmux(String server) {
        this.server = server;
    }

    static Tmux start(String command, int columns, int rows) throws IOException, InterruptedException {
        Tmux t = new Tmux("gantry-e2e-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        t.ok("new-session", "-d", "-s", t.session, "-x", String.valueOf(columns), "-y", String.valueOf(rows), command);
        t.socketPath = t.ok("display-message", "-p", "#{socket_path}").strip();
        return t;
    }

    /** Key names as tmux takes them (Enter, Escape, Down, q). */
    void keys(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        ok(args.toArray(String[]::new));
    }

    /** Text typed as it is, not read as key names. */
    void type(String text) throws IOException, InterruptedException {
        ok("send-keys", "-t", session, "-l", text);
    }

    String screen() throws IOException, InterruptedException {
        return ok("capture-pane", "-p", "-t", session);
    }

    /** Polls the screen until {@code test} holds; fails with the last screen when the time is up. */
    String await(String what, Duration limit, Predicate<String> test) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            last = screen();
            if (test.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("screen never showed " + what + " within " + limit + ":\n" + last);
    }

    private String ok(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", server));
        cmd.addAll(List.of(args));
        GantryProcess.Result r = GantryProcess.run(cmd, Map.of());
        if (r.code() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + r.out());
        }
        return r.out();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        GantryProcess.run(List.of("tmux", "-L", server, "kill-server"), Map.of());
        // kill-server leaves its socket file behind
        if (socketPath.contains(server)) {
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(socketPath));
        }
    }
}
