package dev.gantry.tui.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ClientTest {

    @Test
    void hostFromFlagsThenSocketThenEnvironmentThenGantry() {
        assertEquals("unix:///a.sock", DockerHost.choose(new String[] {"--host", "unix:///a.sock", "--socket", "/b"},
                Map.of("DOCKER_HOST", "unix:///c")).toString());
        assertEquals("unix:///b", DockerHost.choose(new String[] {"--socket", "/b"}, Map.of("DOCKER_HOST", "unix:///c")).toString());
        assertEquals("unix:///c", DockerHost.choose(new String[0], Map.of("DOCKER_HOST", "unix:///c")).toString());
        assertEquals("unix:///run/gantry/gantry.sock", DockerHost.choose(new String[0], Map.of()).toString());
        assertEquals("tcp://127.0.0.1:2375", DockerHost.parse("tcp://127.0.0.1:2375").toString());
        assertThrows(IllegalArgumentException.class, () -> DockerHost.parse("ssh://host"));
    }

    @Test
    void chunkedBodiesDecodeAsTheyCome() throws IOException {
        String raw = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                + "4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n";
        HttpResponse r = HttpResponse.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(200, r.status());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("{\"a\":1}", new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
        String sized = "HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\n\r\n{}extra";
        HttpResponse s = HttpResponse.read(new ByteArrayInputStream(sized.getBytes(StandardCharsets.US_ASCII)));
        assertEquals("{}", new String(s.body().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void logFramesSplitMultiplexedAndRawStreams() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, 1, "one\ntw");
        frame(out, 2, "o\nthree");
        List<String> lines = new ArrayList<>();
        new LogFrames(true).read(new ByteArrayInputStream(out.toByteArray()), lines::add);
        assertEquals(List.of("one", "two", "three"), lines);
        List<String> raw = new ArrayList<>();
        new LogFrames(LogFrames.multiplexed("application/vnd.docker.raw-stream"))
                .read(new ByteArrayInputStream("a\r\nb\n".getBytes(StandardCharsets.UTF_8)), raw::add);
        assertEquals(List.of("a", "b"), raw);
    }

    private static void frame(ByteArrayOutputStream out, int stream, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(new byte[] {(byte) stream, 0, 0, 0, 0, 0, 0, (byte) b.length});
        out.writeBytes(b);
    }

    @Test
    void requestsCarryTheDashboardAgentAndErrorsTheEngineMessage() throws Exception {
        Path dir = Files.createTempDirectory("dash-client-");
        Path sock = dir.resolve("s.sock");
        AtomicReference<String> seen = new AtomicReference<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            Thread t = Thread.ofVirtual().start(() -> {
                try (SocketChannel c = server.accept()) {
                    ByteBuffer buf = ByteBuffer.allocate(4096);
                    c.read(buf);
                    seen.set(new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII));
                    String body = "{\"message\":\"no scan of image busybox\"}";
                    c.write(ByteBuffer.wrap(("HTTP/1.1 404 Not Found\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            EngineClient client = new EngineClient(DockerHost.parse("unix://" + sock));
            EngineException e = assertThrows(EngineException.class, () -> client.get("/gantry/v1/images/busybox/scan"));
            assertEquals(404, e.status());
            assertEquals("no scan of image busybox", e.getMessage());
            t.join();
            assertTrue(seen.get().startsWith("GET /gantry/v1/images/busybox/scan HTTP/1.1\r\n"), seen.get());
            assertTrue(seen.get().contains("\r\nUser-Agent: gantry-dashboard/"), seen.get());
        } finally {
            Files.deleteIfExists(sock);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aHungEngineTimesOutInsteadOfBlocking() throws Exception {
        Path dir = Files.createTempDirectory("dash-client-");
        Path sock = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            // accepts (the kernel's backlog does) but never answers
            EngineClient client = new EngineClient(DockerHost.parse("unix://" + sock));
            long start = System.nanoTime();
            assertThrows(IOException.class, () -> client.call("GET", "/_ping", Duration.ofMillis(300)));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos());
        } finally {
            Files.deleteIfExists(sock);
            Files.deleteIfExists(dir);
        }
    }
}
