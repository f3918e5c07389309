package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow clients never make the engine hold what they have not taken: a {@code docker logs} client that reads a
 * 200 MB log slowly, and an events client that does not read while thousands of events go by. Memory is checked
 * as the live heap after a full collection (and RSS, printed), never against a clock.
 */
class SlowClientsIT {
    private static final int LINE = 100;
    private static final long LOG_BYTES = 200_000_000L;
    private static GantryProcess gantry;

    @BeforeAll
    static void start() throws Exception {
        gantry = GantryProcess.start();
        ok(gantry.docker("load", "-i", TestImages.busybox().toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        gantry.close();
    }

    @Test
    void aSlowLogsClientPausesTheReadAndTheEngineStaysFlat() throws Exception {
        // 200 MB of 101-byte lines, about 290 MB of log: two halves with a pause between; the log is rotated at 3/4
        // of max-size, during the second half, so the read goes through two files. (conmon's own cap, max-size,
        // counts every byte since its start, not since its last reopen: the whole log stays below it here.)
        String half = "yes " + "0".repeat(LINE) + " | head -c " + LOG_BYTES / 2;
        ok(gantry.docker("run", "-d", "--name", "big", "--log-opt", "max-size=300m", "--log-opt", "max-file=5",
                "busybox", "sh", "-c", half + "; sleep 2; " + half));
        awaitExit("big");
        long pid = gantry.pid();
        long heapBefore = EngineMemory.liveHeapKiB(pid);
        long rssBefore = EngineMemory.rssKiB(pid);
        long payload = 0;
        long newlines = 0;
        long heapDuring = 0;
        long rssDuring = 0;
        byte[] piece = new byte[64 << 10];
        try (RawStream logs = new RawStream(gantry.socket, "/containers/big/logs?stdout=1&stderr=1")) {
            while (true) {
                byte[] header = new byte[8];
                int first = logs.read(header, 0, 8);
                if (first < 0) {
                    break;
                }
                System.arraycopy(logs.readFully(8 - first), 0, header, first, 8 - first);
                assertEquals(1, header[0], "a frame of stdout");
                int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
                boolean slow = payload < (16 << 20);
                for (int left = size; left > 0; ) {
                    int n = logs.read(piece, 0, Math.min(left, slow ? 4 << 10 : piece.length));
                    for (int i = 0; i < n; i++) {
                        if (piece[i] == '\n') {
                            newlines++;
                        } else if (piece[i] != '0') { // the halves' cut lines join: only zeros and newlines
                            throw new AssertionError("a byte the container did not write at " + (payload + i));
                        }
                    }
                    left -= n;
                    payload += n;
                    if (slow) {
                        Thread.sleep(2);
                    }
                }
                if (heapDuring == 0 && payload >= (4 << 20)) {
                    // the client has taken 4 MB of 200 and stops reading while the engine is looked at
                    heapDuring = EngineMemory.liveHeapKiB(pid);
                    rssDuring = EngineMemory.rssKiB(pid);
                }
            }
        }
        System.out.printf("slow logs client: live heap %d KiB before, %d KiB while 196 MB were not yet taken; RSS %d -> %d KiB%n",
                heapBefore, heapDuring, rssBefore, rssDuring);
        assertEquals(LOG_BYTES, payload, "every byte the container wrote, once");
        // each half ends inside a line, and the first's piece joins the second's first line
        assertEquals(LOG_BYTES / 2 / (LINE + 1) * 2, newlines);
        assertTrue(rotated("big"), "the log was rotated");
        assertTrue(heapDuring - heapBefore < 48 << 10, "the engine held " + (heapDuring - heapBefore) + " KiB more heap for a slow client");
        assertTrue(rssDuring - rssBefore < 128 << 10, "the engine's RSS grew by " + (rssDuring - rssBefore) + " KiB for a slow client");
        // the end of the log and dockerd's timestamps, from the same rotated files
        // --tail counts whole lines; the unfinished last piece comes after them (as before the streamed read)
        String tail = ok(gantry.docker("logs", "--tail", "2", "big"));
        int rest = (int) (LOG_BYTES / 2 % (LINE + 1));
        assertEquals(("0".repeat(LINE) + "\n").repeat(2) + "0".repeat(rest), tail);
        String stamped = ok(gantry.docker("logs", "-t", "--tail", "2", "big")).split("\n")[0];
        assertTrue(stamped.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z 0{" + LINE + "}"), stamped);
        ok(gantry.docker("rm", "big"));
    }

    /**
     * An attached client that does not read: the attach pauses its read of the log instead of queueing what the
     * client has not taken, and the client still gets every byte once it reads.
     */
    @Test
    void aStalledAttachClientPausesTheAttach() throws Exception {
        long bytes = 100_000_000L;
        ok(gantry.docker("run", "-d", "--name", "loud", "--log-opt", "max-size=300m", "busybox", "sh", "-c",
                "yes " + "0".repeat(LINE) + " | head -c " + bytes));
        awaitExit("loud");
        long pid = gantry.pid();
        long heapBefore = EngineMemory.liveHeapKiB(pid);
        try (var channel = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 16 << 10);
            channel.connect(java.net.UnixDomainSocketAddress.of(gantry.socket));
            channel.write(java.nio.ByteBuffer.wrap(("POST /containers/loud/attach?logs=1&stream=1&stdout=1 HTTP/1.1\r\n"
                    + "Host: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            var in = new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(channel), 64 << 10);
            String head = headers(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            Thread.sleep(3000); // time enough to queue all of it, were the attach not waiting for the client
            long heapDuring = EngineMemory.liveHeapKiB(pid);
            System.out.printf("stalled attach client: live heap %d KiB before, %d KiB while %d MB were not taken%n",
                    heapBefore, heapDuring, bytes / 1_000_000);
            assertTrue(heapDuring - heapBefore < 48 << 10, "the engine held " + (heapDuring - heapBefore) + " KiB for a stalled attach client");
            long payload = 0;
            byte[] header = new byte[8];
            // the container had ended before the attach: the stream stays open for a next start, so read its bytes
            while (payload < bytes && in.readNBytes(header, 0, 8) == 8) {
                int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
                in.skipNBytes(size); // fewer is an EOFException: the stream ended inside a frame
                payload += size;
            }
            assertEquals(bytes, payload, "every byte the container wrote, once");
        }
        ok(gantry.docker("rm", "loud"));
    }

    private static String headers(java.io.InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new java.io.EOFException("in the headers: " + b);
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** Following reads through a rotation: every line once, in order. */
    @Test
    void followingReadsAcrossRotations() throws Exception {
        int rounds = 24;
        int perRound = 500;
        // about 640 KB of log (53 bytes a line), rotated once at 3/4 of max-size, some rounds before the end;
        // conmon's cap (max-size) counts every byte since its start, so the whole log stays below it
        ok(gantry.docker("run", "-d", "--name", "rotating", "--log-opt", "max-size=700k", "--log-opt", "max-file=20",
                "busybox", "sh", "-c", "i=0; r=0; while [ $r -lt " + rounds + " ]; do j=0; while [ $j -lt " + perRound
                        + " ]; do echo line$i; i=$((i+1)); j=$((j+1)); done; r=$((r+1)); usleep 250000; done"));
        CompletableFuture<String> followed = CompletableFuture.supplyAsync(() -> {
            try {
                return gantry.docker("logs", "-f", "rotating").out();
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        awaitExit("rotating");
        StringBuilder want = new StringBuilder();
        for (int i = 0; i < rounds * perRound; i++) {
            want.append("line").append(i).append('\n');
        }
        assertEquals(want.toString(), followed.get(120, TimeUnit.SECONDS));
        assertEquals(want.toString(), ok(gantry.docker("logs", "rotating")));
        assertTrue(rotated("rotating"), "the log was rotated");
        ok(gantry.docker("rm", "rotating"));
    }

    /**
     * An events client that does not read loses events past its bound (docs/security.md: 1024 pending, or a full
     * write queue) instead of the engine queueing them; once it reads again it gets new events.
     */
    @Test
    void anEventsClientThatDoesNotReadLosesEventsNotTheEngine() throws Exception {
        Path body = Files.createTempFile("gantry-events-", ".json");
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            labels.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":\"").append("x".repeat(2048)).append('"');
        }
        Files.writeString(body, "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"Labels\":{" + labels + "}}");
        String created = gantry.curl("/containers/create?name=labelled", "-X", "POST", "-H", "Content-Type: application/json",
                "--data-binary", "@" + body).out();
        Files.delete(body);
        String id = created.replaceAll(".*\"Id\":\"([0-9a-f]{64})\".*", "$1").strip();
        assertEquals(64, id.length(), created);
        long pid = gantry.pid();
        long heapBefore = EngineMemory.liveHeapKiB(pid);
        String filters = URLEncoder.encode("{\"container\":[\"" + id + "\"]}", StandardCharsets.UTF_8);
        int events = 0;
        try (RawStream stalled = new RawStream(gantry.socket, "/events?filters=" + filters)) {
            // about 66 KB an event: 100 MB of events the client does not read
            int batches = 3;
            int perBatch = 500;
            for (int b = 0; b < batches; b++) {
                var r = GantryProcess.run(List.of("sh", "-c", "curl -s -o /dev/null -w '%{http_code}\\n' --unix-socket " + gantry.socket
                        + " -X POST -H 'Content-Type: application/json' -d '{}' 'http://d/containers/" + id + "/update?n=[1-"
                        + perBatch + "]' | sort | uniq -c"), java.util.Map.of());
                assertEquals(perBatch + " 200", r.out().strip(), r.out());
            }
            long heapDuring = EngineMemory.liveHeapKiB(pid);
            System.out.printf("stalled events client: live heap %d KiB before, %d KiB after %d events (%d MB) it did not read%n",
                    heapBefore, heapDuring, batches * perBatch, batches * perBatch * 66 / 1000);
            assertTrue(heapDuring - heapBefore < 40 << 10, "the engine held " + (heapDuring - heapBefore) + " KiB for a stalled client");
            // it reads again: what was queued for it, then new events. A rename while it is still behind is
            // dropped like the rest, so renames go on (a second apart) until one comes through
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        lines.add(line(stalled));
                    }
                } catch (IOException e) {
                    lines.add("closed");
                }
            });
            boolean renamed = false;
            for (int attempt = 0; attempt < 120 && !renamed; attempt++) {
                ok(gantry.docker("rename", id, "labelled" + attempt));
                for (String l = lines.poll(1, TimeUnit.SECONDS); l != null && !renamed; l = lines.poll(1, TimeUnit.SECONDS)) {
                    assertTrue(!l.equals("closed"), "the engine closed the stream of a slow client");
                    if (l.contains("\"update\"")) {
                        events++;
                    }
                    renamed = l.contains("\"rename\"");
                }
            }
            assertTrue(renamed, "no new event reached the client once it read again");
            assertTrue(events > 0 && events < batches * perBatch, "events the stalled client got: " + events);
        }
        System.out.printf("stalled events client got %d of %d update events, then the rename%n", events, 3 * 500);
        assertTrue(gantry.log().contains("an events client does not keep up"), "the engine says it dropped events");
        ok(gantry.docker("rm", id));
    }

    private static String line(RawStream s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] one = new byte[1];
        while (true) {
            if (s.read(one, 0, 1) < 0) {
                throw new java.io.EOFException("the events stream ended");
            }
            if (one[0] == '\n') {
                break;
            }
            b.write(one[0]);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static boolean rotated(String name) throws Exception {
        String id = ok(gantry.docker("inspect", "-f", "{{.Id}}", name)).strip();
        return Files.exists(gantry.root.resolve("data/containers").resolve(id).resolve("container.log.1"));
    }

    /** Output nobody reads (a detached exec) takes bounded disk: conmon's cap replaces the exec's log. */
    @Test
    void aDetachedExecsOutputTakesBoundedDisk() throws Exception {
        ok(gantry.docker("run", "-d", "--name", "execd", "busybox", "sleep", "600"));
        ok(gantry.docker("exec", "-d", "execd", "sh", "-c",
                "yes " + "0".repeat(LINE) + " | head -c " + LOG_BYTES + "; touch /done; sleep 600"));
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (gantry.docker("exec", "execd", "test", "-f", "/done").code() != 0) {
            assertTrue(System.nanoTime() < end, "the exec did not write its output in 10 minutes");
            Thread.sleep(500);
        }
        long bytes;
        try (var files = Files.walk(gantry.root.resolve("run/execs"))) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.println("detached exec wrote " + LOG_BYTES / 1_000_000 + " MB; its files take " + bytes / 1024 + " KiB");
        assertTrue(bytes <= (16L << 20) + (1L << 20), "exec files take " + bytes + " bytes");
        ok(gantry.docker("rm", "-f", "execd"));
    }

    private static void awaitExit(String name) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (ok(gantry.docker("inspect", "-f", "{{.State.Running}}", name)).strip().equals("true")) {
            assertTrue(System.nanoTime() < end, name + " still running after 10 minutes");
            Thread.sleep(500);
        }
    }

    private static String ok(GantryProcess.Result r) {
        assertEquals(0, r.code(), r.out());
        return r.out();
    }
}
