package dev.gantry.tui.view;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import dev.gantry.tui.keys.Controller;
import dev.gantry.tui.keys.FakeActions;
import dev.gantry.tui.keys.UiState;
import dev.gantry.tui.state.DashboardState;
import dev.gantry.tui.state.Feature;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Each pane drawn on Lanterna's virtual terminal from canned engine answers. */
class PanesViewTest {
    private final DashboardState state = Canned.engine();
    private final UiState ui = new UiState();
    private final Controller keys = new Controller(ui, new FakeActions());

    private String pane(int n, int columns, int rows) throws IOException {
        keys.handle(new KeyStroke((char) ('0' + n), false, false), state.snapshot());
        return Canned.render(ui, state.snapshot(), columns, rows);
    }

    private static void has(String screen, String regex) {
        assertTrue(screen.matches("(?s).*" + regex + ".*"), "expected /" + regex + "/ in\n" + screen);
    }

    @Test
    void containersShowStateHealthFiguresPortsAndUptime() throws IOException {
        String s = pane(1, 120, 30);
        has(s, "connected unix:///run/gantry/gantry.sock  Gantry 0\\.1\\.0  1/2 running");
        has(s, "NAME\\s+IMAGE\\s+STATE\\s+CPU%\\s+MEM\\s+NET I/O\\s+PORTS\\s+UP");
        has(s, "web\\s+busybox\\s+healthy\\s+20\\.0%\\s+10MiB\\s+2\\.0KiB/1\\.0KiB\\s+127\\.0\\.0\\.1:8080->80/tcp\\s+3m");
        has(s, "db\\s+busybox\\s+exited\\s+-\\s+-\\s+-");
        has(s, "l logs  i inspect  s stop/start  r restart  p pause  k kill  d remove  x shell");
    }

    @Test
    void imagesShowSizeUsersAndScanSummary() throws IOException {
        String s = pane(2, 120, 30);
        has(s, "busybox:latest\\s+cccccccccccc\\s+2\\.0MiB\\s+\\d+d\\s+2\\s+C0 H1 M2 L0");
        has(s, "d remove  P prune");
    }

    @Test
    void imagesSayWhatTheyNeedWithoutScans() throws IOException {
        state.feature(Feature.SCANS, Feature.SCANS.need());
        has(pane(2, 120, 30), "busybox:latest.*needs Gantry scans");
    }

    @Test
    void volumesShowSizeAndUsers() throws IOException {
        has(pane(3, 120, 30), "webdata\\s+local\\s+4\\.0KiB\\s+web");
    }

    @Test
    void networksShowSubnetDriverAndMembers() throws IOException {
        has(pane(4, 120, 30), "bridge\\s+bridge\\s+172\\.17\\.0\\.0/16\\s+web,db");
    }

    @Test
    void eventsShowTypeActionActorAndAttributes() throws IOException {
        has(pane(5, 120, 30), "\\d\\d:\\d\\d:\\d\\d\\s+container\\s+start\\s+web\\s+image=busybox");
    }

    @Test
    void eventsFilterKeepsMatchingRows() throws IOException {
        pane(5, 120, 30);
        keys.handle(new KeyStroke('/', false, false), state.snapshot());
        for (char c : "destroy".toCharArray()) {
            keys.handle(new KeyStroke(c, false, false), state.snapshot());
        }
        String s = Canned.render(ui, state.snapshot(), 120, 30);
        has(s, "filter: destroy_");
        assertTrue(!s.contains("image=busybox"), s);
    }

    @Test
    void tracesListOperations() throws IOException {
        String s = pane(6, 120, 30);
        has(s, "03:04:05\\.123\\s+POST /containers/create\\s+931\\.7ms\\s+3\\s+0af7651916cd43d");
        has(s, "Enter span tree");
    }

    @Test
    void hooksShowStateCountsP99AndErrors() throws IOException {
        String s = pane(7, 140, 30);
        has(s, "deny-privileged\\s+beforeCreate\\s+active\\s+12/3/0\\s+0/1\\s+900µs\\s+-");
        has(s, "broken\\s+beforeStart\\s+error\\s+0/0/0\\s+0/0\\s+0µs\\s+SyntaxError: missing \\) after argument list \\(line 3\\)");
    }

    @Test
    void hooksSayWhatTheyNeedOnAnotherEngine() throws IOException {
        state.feature(Feature.HOOKS, Feature.HOOKS.need());
        has(pane(7, 120, 30), "Hooks: needs Gantry hooks \\(GET /gantry/v1/hooks\\)");
    }

    @Test
    void engineShowsVersionPluginsAndMetrics() throws IOException {
        String s = pane(8, 120, 40);
        has(s, "engine\\s+Gantry 0\\.1\\.0\\s+API 1\\.51");
        has(s, "plugin\\s+Runtime crun 0\\.1\\.0\\s+unavailable\\s+cgroups in hybrid mode");
        has(s, "plugin\\s+Storage overlay 0\\.1\\.0\\s+in use");
        has(s, "metric\\s+http_server_requests_seconds_count\\s+7");
        has(s, "metric\\s+process_cpu_usage\\s+0\\.01500");
    }

    @Test
    void engineSaysWhatItNeedsWithoutGantryEndpoints() throws IOException {
        state.feature(Feature.PLUGINS, Feature.PLUGINS.need());
        has(pane(8, 120, 40), "needs Gantry plugins");
    }

    @Test
    void everyPaneFitsEightyByTwentyFour() throws IOException {
        for (int n = 1; n <= 8; n++) {
            String s = pane(n, 80, 24);
            has(s, "^1 Containers 2 Images 3 Volumes 4 Networks 5 Events 6 Traces 7 Hooks 8 Engine");
            assertTrue(s.lines().count() == 24 && s.lines().allMatch(l -> l.length() == 80), s);
            has(s, "\\? help  ?q quit");
        }
        String containers = pane(1, 80, 24);
        has(containers, "web\\s+busybox\\s+healthy\\s+20\\.0%\\s+10MiB\\s+2\\.0KiB/1\\.0KiB .* 3m");
        has(containers, "\\? help q quit l logs i inspect s stop r restart p pause k kill d remove x shell");
    }
}
