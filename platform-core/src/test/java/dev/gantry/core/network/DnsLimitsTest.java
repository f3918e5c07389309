package dev.gantry.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.core.event.EventBus;
import dev.gantry.core.state.StateStore;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded DNS under a flood from one container, on real sockets in a real network namespace: questions
 * waiting for a silent upstream are bounded (the rest dropped), and so are TCP connections (the rest closed).
 */
class DnsLimitsTest {
    /** 200 UDP questions at once, then 40 TCP connections held open: prints how many were closed at once. */
    private static final String FLOOD = """
            import socket, struct, time
            def q(i):
                return struct.pack('!HHHHHH', i, 0x0100, 1, 0, 0, 0) + b'\\x07example\\x03com\\x00' + struct.pack('!HH', 1, 1)
            u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            for i in range(200):
                u.sendto(q(i), ('127.0.0.11', 53))
            held, closed = [], 0
            for i in range(40):
                t = socket.create_connection(('127.0.0.11', 53), timeout=2)
                held.append(t)
            time.sleep(0.5)
            for t in held:
                t.setblocking(False)
                try:
                    closed += 1 if t.recv(1) == b'' else 0
                except BlockingIOError:
                    pass
            print('closed', closed)
            """;

    @Test
    void floodsAreBounded() throws Exception {
        Path root = Files.createTempDirectory("gantry-dnslimits-");
        String ns = "gantry-dnstest-" + Long.toHexString(System.nanoTime() & 0xffffff);
        String id = "9".repeat(64);
        run(List.of("ip", "netns", "add", ns));
        try (StateStore state = StateStore.open(root);
             DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            run(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
            NetworkStore store = new NetworkStore(state, new EventBus(16));
            store.ensureBuiltIns(true);
            NetworkRecord n = store.create(new NetworkStore.Request("n", "bridge", List.of(new NetworkStore.PoolRequest(
                    Optional.of("10.77.9.0/24"), Optional.empty(), Optional.empty(), Map.of())), false, false, false, Map.of(), Map.of()));
            store.allocate(n, id, NetworkStore.Wanted.nothing(), List.of(), List.of());
            try (DnsResponder dns = new DnsResponder(new NameDirectory(store, x -> Optional.of("c")), List.of())) {
                // an upstream that never answers: every forwarded question holds its slot until the timeout
                dns.open(id, Path.of("/run/netns", ns), List.of((InetSocketAddress) silent.getLocalSocketAddress()));
                String out = run(List.of("ip", "netns", "exec", ns, "/usr/bin/python3", "-c", FLOOD));
                int forwarded = 0;
                silent.setSoTimeout(1000);
                try {
                    while (true) {
                        silent.receive(new DatagramPacket(new byte[512], 512));
                        forwarded++;
                    }
                } catch (SocketTimeoutException done) {
                    // all that came
                }
                assertEquals(DnsResponder.MAX_UDP_IN_FLIGHT, forwarded, "questions in flight for one container");
                int closed = Integer.parseInt(out.strip().substring("closed ".length()));
                assertEquals(40 - DnsResponder.MAX_TCP_CONNECTIONS, closed, out);
            }
        } finally {
            run(List.of("ip", "netns", "del", ns));
            dev.gantry.core.layer.FileTrees.deleteQuietly(root);
        }
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), cmd.toString());
        assertEquals(0, p.exitValue(), cmd + ": " + out);
        return out;
    }
}
