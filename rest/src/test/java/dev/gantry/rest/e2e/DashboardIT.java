package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/gantry tui} in tmux against a real engine, driven by keys and read from the screen: a container
 * shows its live figures, its logs follow, s stops it, d + y removes it, the Traces pane opens the create's span
 * tree, and a killed engine shows "disconnected" until its restart brings the containers back.
 */
class DashboardIT {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Pattern TICK = Pattern.compile("tick (\\d+)");

    static String ok(GantryProcess.Result r) {
        assertEquals(0, r.code(), r.out());
        return r.out();
    }

    @Test
    void watchesAndDrivesTheEngine() throws Exception {
        Path root = Files.createTempDirectory("gantry-e2e-");
        GantryProcess engine = GantryProcess.startAt(root);
        try {
            ok(engine.docker("load", "-i", TestImages.dir().resolve("busybox.tar").toString()));
            ok(engine.docker("run", "-d", "--name", "dash1", "busybox", "sh", "-c",
                    "trap 'exit 0' TERM; i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.5; done"));
            String tui = GantryProcess.TOP.resolve("scripts/gantry") + " tui --host unix://" + engine.socket
                    + " 2>" + root.resolve("tui.err");
            try (Tmux t = Tmux.start(tui, 120, 40)) {
                t.await("dash1 with CPU and memory", LONG, s -> s.lines().anyMatch(l ->
                        l.matches("dash1\\s+busybox\\s+running\\s+\\d+\\.\\d%\\s+[\\d.]+(B|KiB|MiB|GiB)\\s.*")));

                t.keys("l");
                String logs = t.await("the logs", LONG, s -> s.contains("Logs of dash1") && TICK.matcher(s).find());
                int first = lastTick(logs);
                t.await("newer log lines", LONG, s -> lastTick(s) > first + 2);
                escape(t);
                t.await("the containers pane", LONG, s -> s.contains("NAME") && s.contains("dash1"));

                t.keys("s");
                t.await("dash1 exited", LONG, s -> s.lines().anyMatch(l -> l.matches("dash1\\s+busybox\\s+exited.*")));
                assertTrue(ok(engine.docker("inspect", "-f", "{{.State.Status}}", "dash1")).contains("exited"));

                t.keys("d");
                t.await("the confirm dialog", LONG, s -> s.contains("Remove container dash1? y/n"));
                t.keys("y");
                t.await("dash1 gone", LONG, s -> !s.contains("dash1") && s.contains("(none)"));
                assertEquals("", ok(engine.docker("ps", "-aq", "--filter", "name=dash1")).strip());

                t.keys("6");
                String traces = t.await("the create's trace", LONG, s -> s.contains("POST /containers/create"));
                assertTrue(!traces.contains("/stats") && !traces.contains("GET /events"),
                        "the dashboard's own requests are left out: " + traces);
                t.keys("/");
                t.type("POST /containers/create");
                t.keys("Enter");
                Thread.sleep(300);
                t.keys("Enter");
                String tree = t.await("the span tree", LONG, s -> s.contains("container.create") && s.contains("Trace "));
                assertTrue(tree.contains("█"), tree);
                escape(t);
                t.keys("1");

                ok(engine.docker("run", "-d", "--name", "dash2", "busybox", "sleep", "3600"));
                t.await("dash2 running", LONG, s -> s.lines().anyMatch(l -> l.matches("dash2\\s+busybox\\s+running.*")));
                engine.kill();
                t.await("disconnected", LONG, s -> s.contains("disconnected"));
                engine = GantryProcess.startAt(root);
                t.await("dash2 back with figures", Duration.ofSeconds(90), s -> s.contains("connected unix://")
                        && !s.contains("disconnected") && s.lines().anyMatch(l ->
                        l.matches("dash2\\s+busybox\\s+running\\s+\\d+\\.\\d%\\s+[\\d.]+(B|KiB|MiB|GiB)\\s.*")));
                t.keys("q");
            }
        } finally {
            engine.close();
        }
    }

    /** Escape alone: sent with a key after it, a terminal reads the pair as Alt+key. */
    private static void escape(Tmux t) throws Exception {
        t.keys("Escape");
        Thread.sleep(400);
    }

    private static int lastTick(String screen) {
        int last = -1;
        Matcher m = TICK.matcher(screen);
        while (m.find()) {
            last = Math.max(last, Integer.parseInt(m.group(1)));
        }
        return last;
    }
}
