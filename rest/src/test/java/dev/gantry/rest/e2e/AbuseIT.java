package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.rest.TempRoots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The abuse suite: each hostile input is a case, with the error Docker gives and a check that nothing changed.
 * The builds' link tricks are {@link BuildAbuseIT}, seccomp probes {@link SeccompIT}, network probes
 * {@link NetworkIsolationIT}, cp link swaps {@link CopyIT}; the Host header {@link ListenerIT}. It prints how many
 * cases ran.
 */
class AbuseIT {
    private static final AtomicInteger CASES = new AtomicInteger();
    private static GantryProcess gantry;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        gantry = GantryProcess.start();
        work = Files.createTempDirectory("gantry-abuse-");
        assertEquals(0, gantry.docker("load", "-i", TestImages.busybox().toString()).code());
    }

    @AfterAll
    static void stop() throws Exception {
        System.out.println("abuse suite: " + CASES.get() + " hostile inputs refused or contained");
        gantry.close();
        TempRoots.deleteTree(work);
    }

    @AfterEach
    void counted() {
        gantry.removeContainers();
        CASES.incrementAndGet();
    }

    private static GantryProcess.Result docker(String... args) throws Exception {
        return gantry.docker(args);
    }

    private static String ok(GantryProcess.Result r) {
        assertEquals(0, r.code(), r.out());
        return r.out();
    }

    /** A tar of (name, type, content-or-link-target) triples. */
    private static Path tar(String file, String[]... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            for (String[] e : entries) {
                TarArchiveEntry entry;
                if (e[1].equals("link")) {
                    entry = new TarArchiveEntry(e[0], TarConstants.LF_SYMLINK);
                    entry.setLinkName(e[2]);
                    out.putArchiveEntry(entry);
                } else {
                    entry = new TarArchiveEntry(e[0], true);
                    byte[] data = e[2].getBytes(StandardCharsets.UTF_8);
                    entry.setSize(data.length);
                    entry.setMode(0100644);
                    out.putArchiveEntry(entry);
                    out.write(data);
                }
                out.closeArchiveEntry();
            }
        }
        return Files.write(work.resolve(file), bytes.toByteArray());
    }

    /** {@code curl} at the engine, with the status on the last line. */
    private static String[] curl(String path, String... extra) throws Exception {
        String[] args = new String[extra.length + 2];
        System.arraycopy(extra, 0, args, 0, extra.length);
        args[extra.length] = "-w";
        args[extra.length + 1] = "\n%{http_code}";
        String out = gantry.curl(path, args).out();
        int nl = out.lastIndexOf('\n');
        return new String[] {out.substring(0, Math.max(nl, 0)), out.substring(nl + 1).strip()};
    }

    private static int containers() throws Exception {
        return ok(docker("ps", "-aq")).isBlank() ? 0 : ok(docker("ps", "-aq")).strip().split("\n").length;
    }

    @Test
    void aWhiteoutInACpTarIsAFileNotADeletion() throws Exception {
        ok(docker("create", "--name", "wh", "busybox", "true"));
        Path t = tar("wh.tar", new String[] {".wh.passwd", "file", "x"}, new String[] {".wh..wh..opq", "file", ""});
        ok(gantry.shell("docker cp - wh:/etc < " + t));
        String listing = ok(gantry.shell("docker cp wh:/etc - | tar -t"));
        assertTrue(listing.contains("etc/passwd"), "a whiteout in a cp tar deleted its target: " + listing);
        assertTrue(listing.contains("etc/.wh.passwd"), listing);
        assertTrue(listing.contains("etc/group"), "an opaque marker in a cp tar emptied the directory: " + listing);
    }

    @Test
    void aCpTarClimbingOutIsRefused() throws Exception {
        ok(docker("create", "--name", "climb", "busybox", "true"));
        Path t = tar("climb.tar", new String[] {"../../../../tmp/" + work.getFileName() + "-pwned", "file", "x"});
        assertNotEquals(0, gantry.shell("docker cp - climb:/tmp < " + t).code());
        assertTrue(Files.notExists(Path.of("/tmp/" + work.getFileName() + "-pwned")));
        Path abs = tar("abs.tar", new String[] {"/" + work.resolve("abs-pwned"), "file", "x"});
        assertNotEquals(0, gantry.shell("docker cp - climb:/tmp < " + abs).code());
        assertTrue(Files.notExists(work.resolve("abs-pwned")));
    }

    @Test
    void aCpTarWritingThroughItsOwnLinkStaysInside() throws Exception {
        ok(docker("create", "--name", "through", "busybox", "true"));
        Path t = tar("through.tar", new String[] {"out", "link", work.toString()}, new String[] {"out/pwned", "file", "x"});
        gantry.shell("docker cp - through:/tmp < " + t);
        assertTrue(Files.notExists(work.resolve("pwned")), "a cp tar wrote through its own link onto the host");
    }

    @Test
    void importAndLoadOfClimbingTarsAreRefused() throws Exception {
        Path t = tar("import.tar", new String[] {"../escape", "file", "x"});
        String images = ok(docker("images", "-q"));
        assertNotEquals(0, docker("import", t.toString(), "abuse:import").code());
        assertNotEquals(0, docker("load", "-i", t.toString()).code());
        assertEquals(images, ok(docker("images", "-q")));
    }

    @Test
    void aJsonBodyBeyondTheCapIsRefusedBeforeItIsRead() throws Exception {
        Path big = work.resolve("big.json");
        Files.writeString(big, "{\"Image\":\"busybox\",\"Env\":[\"A=" + "x".repeat(5 << 20) + "\"]}");
        String[] r = curl("/containers/create", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", "@" + big);
        assertEquals("413", r[1], r[0]);
        assertTrue(r[0].contains("\"message\":\"request body is larger than the limit"), r[0]);
        String[] chunked = curl("/containers/create", "-X", "POST", "-H", "Content-Type: application/json",
                "-H", "Transfer-Encoding: chunked", "--data-binary", "@" + big);
        assertEquals("413", chunked[1], chunked[0]);
        assertEquals(0, containers());
        // a small chunked body still works
        String[] small = curl("/containers/create", "-X", "POST", "-H", "Content-Type: application/json",
                "-H", "Transfer-Encoding: chunked", "--data-binary", "{\"Image\":\"busybox\"}");
        assertEquals("201", small[1], small[0]);
    }

    @Test
    void malformedJsonIsA400AndMakesNothing() throws Exception {
        for (String body : List.of("{", "[1,2", "{\"Image\":", "{\"Image\":\"busybox\"", "{\"Image\":\"busybox\",\"Cmd\":" + "[".repeat(5000) + "]".repeat(5000) + "}")) {
            String[] r = curl("/containers/create", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body);
            assertEquals("400", r[1], body.length() > 40 ? "deep nesting: " + r[0] : body + ": " + r[0]);
            assertTrue(r[0].contains("\"message\""), r[0]);
        }
        assertEquals(0, containers());
    }

    @Test
    void badReferencesAreRefused() throws Exception {
        for (String ref : List.of("exa_mple.com/app", "host-.example/app", "host.example:port/app", "a..b/app", "Busybox", "busy box")) {
            var r = docker("pull", ref);
            assertNotEquals(0, r.code(), ref);
            assertTrue(r.out().contains("invalid reference format"), ref + ": " + r.out());
        }
        String[] api = curl("/images/create?fromImage=exa_mple.com/app&tag=latest", "-X", "POST");
        assertEquals("400", api[1], api[0]);
        assertTrue(api[0].contains("invalid reference format"), api[0]);
    }

    @Test
    void badFiltersAndNamesAreRefused() throws Exception {
        String[] filter = curl("/containers/json?filters=%7Bnot-json", "-g");
        assertEquals("400", filter[1], filter[0]);
        String[] unknown = curl("/containers/json?filters=%7B%22nosuch%22%3A%5B%22x%22%5D%7D");
        assertEquals("400", unknown[1], unknown[0]);
        for (String name : List.of("bad name", "../x", "a/b", "-x")) {
            var r = docker("create", "--name", name, "busybox");
            assertNotEquals(0, r.code(), name + ": " + r.out());
        }
        assertEquals(0, containers());
    }

    @Test
    void logsTailReadsTheEndOfTheLog() throws Exception {
        ok(docker("run", "--name", "chatty", "busybox", "sh", "-c", "i=0; while [ $i -lt 5000 ]; do echo line$i; i=$((i+1)); done"));
        assertEquals("line4997\nline4998\nline4999\n", ok(docker("logs", "--tail", "3", "chatty")));
        assertEquals("", ok(docker("logs", "--tail", "0", "chatty")));
        assertEquals(5000, ok(docker("logs", "chatty")).split("\n").length);
    }

    @Test
    void aClientThatDoesNotReadEventsDoesNotGrowTheEngine() throws Exception {
        // a client that connects and never reads: the engine keeps going and answers others
        var p = new ProcessBuilder("sh", "-c", "exec curl -s -N --limit-rate 1 --unix-socket " + gantry.socket
                + " http://d/events > /dev/null").start();
        try {
            for (int i = 0; i < 50; i++) {
                ok(docker("create", "--name", "ev" + i, "busybox", "true"));
            }
            assertEquals("OK", gantry.curl("/_ping").out().strip());
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }
}
