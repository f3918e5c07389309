package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile build contexts, sent as raw tars as any client may: links that point at the host's files (named, matched
 * by a wildcard, in a parent directory, in a {@code --from} stage, as {@code .dockerignore}) are resolved inside
 * the context as if it were {@code /}, so the host's file never reaches the image; a FIFO goes in as a FIFO and
 * never blocks the build.
 */
class BuildAbuseIT {
    private static Path root;
    private static GantryProcess g;
    private static Path secretDir;
    private static Path secret;
    private static String secretText;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("gantry-e2e-");
        g = GantryProcess.startAt(root);
        NetworksIT.ok(g.docker("load", "-i", TestImages.busybox().toString()));
        secretDir = Files.createTempDirectory(Path.of("/tmp"), "gantry-secret-");
        secret = secretDir.resolve("f");
        secretText = "HOST-SECRET-" + UUID.randomUUID();
        Files.writeString(secret, secretText + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        if (g != null) {
            g.close();
        }
        dev.gantry.rest.TempRoots.deleteTree(secretDir);
    }

    /** The context's own copy of what the host path names, where an in-root lookup of the link lands. */
    private static String rel(Path hostPath) {
        return hostPath.toString().substring(1);
    }

    @Test
    void wildcardMatchOfALinkToAHostFileCopiesTheContextsFile() throws Exception {
        Path tar = context(t -> {
            file(t, "Dockerfile", "FROM busybox\nCOPY x* /d/\n");
            link(t, "x", secret.toString());
            file(t, rel(secret), "IN-CONTEXT\n");
        });
        String out = build(tar, "abuse-a");
        assertFalse(out.contains(secretText), out);
        assertEquals("IN-CONTEXT", cat("abuse-a", "/d/x"));
    }

    @Test
    void wildcardMatchOfALinkOutsideWithNothingInTheContextFailsCleanly() throws Exception {
        Path tar = context(t -> {
            file(t, "Dockerfile", "FROM busybox\nCOPY x* /d/\n");
            link(t, "x", secret.toString());
        });
        String out = build(tar, "abuse-a2");
        assertFalse(out.contains(secretText), out);
        assertTrue(out.contains("\"error") && out.contains("not found"), out);
        assertTrue(g.docker("image", "inspect", "abuse-a2").code() != 0, "no image from a failed build");
    }

    @Test
    void linkInAParentDirectoryIsResolvedInTheContext() throws Exception {
        Path tar = context(t -> {
            file(t, "Dockerfile", "FROM busybox\nCOPY dir/f /d/\nCOPY dir /e/\n");
            link(t, "dir", secretDir.toString());
            file(t, rel(secret), "IN-CONTEXT\n");
        });
        String out = build(tar, "abuse-b");
        assertFalse(out.contains(secretText), out);
        assertEquals("IN-CONTEXT", cat("abuse-b", "/d/f"));
        assertEquals("IN-CONTEXT", cat("abuse-b", "/e/f"));
    }

    @Test
    void fromStageLinksResolveInTheStagesRoot() throws Exception {
        Path tar = context(t -> file(t, "Dockerfile", """
                FROM busybox AS one
                RUN ln -s %1$s /x && ln -s %2$s /dir && mkdir -p %2$s && echo IN-STAGE > %1$s
                FROM busybox
                COPY --from=one /x* /d/
                COPY --from=one /dir/f /e/
                """.formatted(secret, secretDir)));
        String out = build(tar, "abuse-c");
        assertFalse(out.contains(secretText), out);
        assertEquals("IN-STAGE", cat("abuse-c", "/d/x"));
        assertEquals("IN-STAGE", cat("abuse-c", "/e/f"));
    }

    @Test
    void dockerignoreLinkIsNotReadFromTheHost() throws Exception {
        Path ignore = secretDir.resolve("ignore");
        Files.writeString(ignore, "keep.txt\n");
        Path tar = context(t -> {
            file(t, "Dockerfile", "FROM busybox\nCOPY keep.txt /d/\n");
            file(t, "keep.txt", "kept\n");
            link(t, ".dockerignore", ignore.toString());
        });
        String out = build(tar, "abuse-d");
        assertFalse(out.contains("\"error"), out);
        assertEquals("kept", cat("abuse-d", "/d/keep.txt"));
    }

    @Test
    void fifoInTheContextGoesInAsAFifoWithoutBlocking() throws Exception {
        Path tar = context(t -> {
            file(t, "Dockerfile", "FROM busybox\nCOPY . /d/\nCOPY pipe* /e/\n");
            TarArchiveEntry e = new TarArchiveEntry("pipe", TarConstants.LF_FIFO);
            e.setMode(0644);
            t.putArchiveEntry(e);
            t.closeArchiveEntry();
        });
        long t0 = System.nanoTime();
        String out = build(tar, "abuse-e");
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L, "the build finished in time");
        assertFalse(out.contains("\"error"), out);
        assertEquals("fifo", NetworksIT.ok(g.docker("run", "--rm", "abuse-e", "stat", "-c", "%F", "/d/pipe")).strip());
        assertEquals("fifo", NetworksIT.ok(g.docker("run", "--rm", "abuse-e", "stat", "-c", "%F", "/e/pipe")).strip());
    }

    private interface Body {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static Path context(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            body.write(tar);
        }
        Path f = Files.createTempFile(root, "ctx-", ".tar");
        Files.write(f, bytes.toByteArray());
        return f;
    }

    private static void file(TarArchiveOutputStream tar, String name, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(b.length);
        e.setMode(0644);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    /** The build's JSON stream; a build that does not end within 60 s fails the test. */
    private static String build(Path tar, String tag) throws Exception {
        GantryProcess.Result r = g.curl("/v1.51/build?rm=1&t=" + tag, "-m", "60", "-X", "POST",
                "-H", "Content-Type: application/x-tar", "--data-binary", "@" + tar);
        assertEquals(0, r.code(), "curl ended in time: " + r.out());
        return r.out();
    }

    private static String cat(String image, String path) throws Exception {
        return NetworksIT.ok(g.docker("run", "--rm", image, "cat", path)).strip();
    }
}
