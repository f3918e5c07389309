package dev.gantry.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.core.content.Digest;
import dev.gantry.spi.storage.DeletionStyle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerApplierTest {
    @TempDir
    Path work;
    Path target;
    final LayerApplier applier = new LayerApplier(new LayerApplier.Limits(1 << 20, true));

    @BeforeEach
    void makeTarget() throws IOException {
        target = Files.createDirectories(work.resolve("target"));
    }

    /** A tar built entry by entry: file(name, text), dir(name), symlink(name, to), hardlink(name, to). */
    static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes);

        Tar() {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        Tar file(String name, String text) throws IOException {
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            // keep absolute names as written: a hostile archive is not polite
            TarArchiveEntry e = new TarArchiveEntry(name, true);
            e.setSize(data.length);
            e.setMode(0100644);
            out.putArchiveEntry(e);
            out.write(data);
            out.closeArchiveEntry();
            return this;
        }

        Tar dir(String name) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
            e.setMode(040755);
            out.putArchiveEntry(e);
            out.closeArchiveEntry();
            return this;
        }

        Tar link(String name, String to, byte type) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, type);
            e.setLinkName(to);
            out.putArchiveEntry(e);
            out.closeArchiveEntry();
            return this;
        }

        byte[] bytes() throws IOException {
            out.finish();
            out.close();
            return bytes.toByteArray();
        }
    }

    private LayerApplier.Applied apply(byte[] tar) throws IOException {
        return applier.apply(new ByteArrayInputStream(tar), target, DeletionStyle.COPY);
    }

    private long filesOutsideTarget() throws IOException {
        try (Stream<Path> s = Files.walk(work)) {
            return s.filter(p -> !p.startsWith(target) && !p.equals(work)).count();
        }
    }

    @Test
    void appliesFilesDirsLinksAndComputesTheDiffId() throws IOException {
        byte[] tar = new Tar().dir("etc").file("etc/hostname", "box").link("etc/name", "hostname", TarConstants.LF_SYMLINK)
                .link("etc/hard", "etc/hostname", TarConstants.LF_LINK).bytes();
        var applied = apply(tar);
        assertEquals(Digest.of(tar), applied.diffId());
        assertEquals("box", Files.readString(target.resolve("etc/hostname")));
        assertEquals(Path.of("hostname"), Files.readSymbolicLink(target.resolve("etc/name")));
        assertEquals("box", Files.readString(target.resolve("etc/hard")));
    }

    @Test
    void anArchiveEndingRightAfterTheLastContentEndsThere() throws IOException {
        // what the docker CLI sends as a build context when the Dockerfile is outside it: no padding, no end blocks
        byte[] whole = new Tar().file("a", "first").file("b", "second").bytes();
        int end = 512 + 512 + 512 + "second".length();
        apply(java.util.Arrays.copyOf(whole, end));
        assertEquals("second", Files.readString(target.resolve("b")));
    }

    @Test
    void anArchiveCutInsideContentOrPaddingIsTruncated() throws IOException {
        byte[] whole = new Tar().file("a", "first").file("b", "second").bytes();
        for (int end : new int[] {512 + 512 + 512 + 3, 512 + 512 + 512 + "second".length() + 10}) {
            assertThrows(IOException.class, () -> apply(java.util.Arrays.copyOf(whole, end)), "cut at " + end);
        }
    }

    @Test
    void gzipLayersHashToTheirUncompressedDiffId() throws IOException {
        byte[] tar = new Tar().file("a", "1").bytes();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar);
        }
        assertEquals(Digest.of(tar), applier.apply(new ByteArrayInputStream(gz.toByteArray()), target, DeletionStyle.COPY).diffId());
    }

    @Test
    void aFifoIsMadeWithItsTimeAndNeverOpened() throws IOException {
        TarArchiveEntry e = new TarArchiveEntry("pipe", TarConstants.LF_FIFO);
        e.setMode(0644);
        e.setModTime(1_000_000_000_000L);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.putArchiveEntry(e);
            out.closeArchiveEntry();
        }
        // opening a FIFO for reading blocks until a writer comes: setting its time must not open it
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> apply(bytes.toByteArray()));
        assertEquals(0010000, (Integer) Files.getAttribute(target.resolve("pipe"), "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS) & 0170000);
        assertEquals(1_000_000_000_000L, Files.getLastModifiedTime(target.resolve("pipe"), java.nio.file.LinkOption.NOFOLLOW_LINKS).toMillis());
    }

    @Test
    void dotDotEntriesAreRefused() throws IOException {
        byte[] tar = new Tar().file("ok", "fine").file("../escape", "gotcha").bytes();
        assertThrows(UnsafeArchiveException.class, () -> apply(tar));
        assertFalse(Files.exists(work.resolve("escape")));
        assertEquals(0, filesOutsideTarget());
    }

    @Test
    void absolutePathsAreRefused() throws IOException {
        Path outside = work.resolve("abs-victim");
        byte[] tar = new Tar().file(outside.toString(), "gotcha").bytes();
        assertThrows(UnsafeArchiveException.class, () -> apply(tar));
        assertFalse(Files.exists(outside));
    }

    @Test
    void symlinksClimbingOutOfTheRootAreRefused() throws IOException {
        byte[] tar = new Tar().link("evil", "../../../../" + work.getFileName(), TarConstants.LF_SYMLINK)
                .file("evil/escaped", "gotcha").bytes();
        assertThrows(UnsafeArchiveException.class, () -> apply(tar));
        assertEquals(0, filesOutsideTarget());
    }

    @Test
    void writesThroughAbsoluteLinksStayInsideTheRoot() throws IOException {
        Path victim = Files.createDirectories(work.resolve("victim"));
        byte[] tar = new Tar().link("etc", victim.toString(), TarConstants.LF_SYMLINK)
                .file("etc/passwd", "root::0:0").bytes();
        apply(tar);
        try (Stream<Path> s = Files.list(victim)) {
            assertEquals(0, s.count(), "a write followed the link out of the root");
        }
        assertEquals("root::0:0", Files.readString(target.resolve(victim.toString().substring(1) + "/passwd")));
    }

    @Test
    void hardLinksOutOfTheRootAreRefused() throws IOException {
        Files.writeString(work.resolve("secret"), "s3cret");
        byte[] tar = new Tar().link("h", "../secret", TarConstants.LF_LINK).bytes();
        assertThrows(UnsafeArchiveException.class, () -> apply(tar));
        assertFalse(Files.exists(target.resolve("h"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theExpandedSizeIsCapped() throws IOException {
        byte[] tar = new Tar().file("big", "x".repeat((1 << 20) + 1)).bytes();
        var e = assertThrows(UnsafeArchiveException.class, () -> apply(tar));
        assertTrue(e.getMessage().contains("limit"));
    }

    @Test
    void whiteoutsDeleteForCopyDrivers() throws IOException {
        apply(new Tar().file("a/b", "1").file("a/keep", "2").file("c/d", "3").bytes());
        apply(new Tar().file("a/.wh.b", "").dir("c").file("c/.wh..wh..opq", "").file("c/new", "4").bytes());
        assertFalse(Files.exists(target.resolve("a/b")));
        assertTrue(Files.exists(target.resolve("a/keep")));
        assertFalse(Files.exists(target.resolve("c/d")));
        assertEquals("4", Files.readString(target.resolve("c/new")));
    }

    @Test
    void whiteoutsBecomeOverlayDevicesForOverlayDrivers() throws IOException {
        applier.apply(new ByteArrayInputStream(new Tar().file("a/.wh.b", "").dir("c").file("c/.wh..wh..opq", "").bytes()),
                target, DeletionStyle.OVERLAY_WHITEOUT);
        assertEquals("0", Files.getAttribute(target.resolve("a/b"), "unix:rdev", LinkOption.NOFOLLOW_LINKS).toString());
        assertTrue((((Integer) Files.getAttribute(target.resolve("a/b"), "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000) == 0020000,
                "a whiteout is a character device");
    }

    @Test
    void ownersAndModesAreKept() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry e = new TarArchiveEntry("bin/su");
            e.setMode(0104755);
            e.setUserId(1000);
            e.setGroupId(1001);
            e.setSize(1);
            out.putArchiveEntry(e);
            out.write('x');
            out.closeArchiveEntry();
        }
        apply(bytes.toByteArray());
        Path su = target.resolve("bin/su");
        assertEquals(1000, Files.getAttribute(su, "unix:uid"));
        assertEquals(1001, Files.getAttribute(su, "unix:gid"));
        assertEquals(04755, ((Integer) Files.getAttribute(su, "unix:mode")) & 07777);
    }
}
