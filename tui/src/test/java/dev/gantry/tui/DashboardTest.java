package dev.gantry.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardTest {

    @Test
    void drawsEnginePluginsAndTraces() throws IOException {
        DashboardModel model = new DashboardModel();
        model.set(new DashboardModel.EngineSummary("0.1.0", "1.51", "vfs", "runc", "6.1", 2, 2L << 30, 3, 1, 4),
                List.of(new DashboardModel.PluginRow("Runtime", "crun", "0.1.0", false, false, "cgroups in hybrid mode"),
                        new DashboardModel.PluginRow("Storage", "vfs", "0.1.0", true, true, "")),
                List.of(new DashboardModel.TraceRow("GET /info", 1234, 1)), "");
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(100, 30));
        try (TerminalScreen screen = new TerminalScreen(terminal)) {
            screen.startScreen();
            new DashboardView(screen).draw(model);
            String text = screenText(terminal);
            assertTrue(text.contains("Engine 0.1.0  API 1.51  storage vfs  runtime runc"), text);
            assertTrue(text.contains("Containers 3 (1 running)  Images 4"), text);
            assertTrue(text.matches("(?s).*crun\\s+0\\.1\\.0\\s+unavailable\\s+cgroups in hybrid mode.*"), text);
            assertTrue(text.matches("(?s).*vfs\\s+0\\.1\\.0\\s+in use.*"), text);
            assertTrue(text.contains("GET /info"), text);
        }
    }

    @Test
    void showsWhyTheEngineCannotBeReached() throws IOException {
        DashboardModel model = new DashboardModel();
        model.refresh(new GantryClient(java.nio.file.Path.of("/nonexistent/gantry.sock")));
        assertTrue(model.error().contains("cannot reach Gantry"), model.error());
    }

    @Test
    void decodesChunkedAndSizedResponses() throws IOException {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n";
        var r = GantryClient.HttpResponse.read(new ByteArrayInputStream(chunked.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(200, r.status());
        assertEquals("{\"a\":1}", new String(r.body(), StandardCharsets.UTF_8));
        String sized = "HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\n\r\n{}extra";
        var s = GantryClient.HttpResponse.read(new ByteArrayInputStream(sized.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(404, s.status());
        assertEquals("{}", new String(s.body(), StandardCharsets.UTF_8));
    }

    private static String screenText(DefaultVirtualTerminal terminal) {
        StringBuilder sb = new StringBuilder();
        TerminalSize size = terminal.getTerminalSize();
        for (int y = 0; y < size.getRows(); y++) {
            for (int x = 0; x < size.getColumns(); x++) {
                sb.append(terminal.getCharacter(x, y).getCharacterString());
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
