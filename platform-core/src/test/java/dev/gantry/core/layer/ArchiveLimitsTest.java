package dev.gantry.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.spi.storage.DeletionStyle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an archive may cost: whiteouts only in layers, sparse files at their real size, a cap on entries. */
class ArchiveLimitsTest {
    @TempDir
    Path target;

    @Test
    void plainFileArchivesKeepWhiteoutNamesAsFiles() throws IOException {
        LayerApplier files = new LayerApplier(new LayerApplier.Limits(1 << 20, true)).files();
        Files.writeString(target.resolve("victim"), "kept");
        Files.createDirectories(target.resolve("dir"));
        Files.writeString(target.resolve("dir/inside"), "kept");
        byte[] tar = new LayerApplierTest.Tar().file(".wh.victim", "").dir("dir").file("dir/.wh..wh..opq", "").bytes();
        files.apply(new ByteArrayInputStream(tar), target, DeletionStyle.COPY, Optional.empty());
        assertEquals("kept", Files.readString(target.resolve("victim")));
        assertEquals("kept", Files.readString(target.resolve("dir/inside")));
        assertTrue(Files.isRegularFile(target.resolve(".wh.victim")));
        assertTrue(Files.isRegularFile(target.resolve("dir/.wh..wh..opq")));
    }

    @Test
    void layersStillApplyWhiteouts() throws IOException {
        Files.writeString(target.resolve("victim"), "gone");
        new LayerApplier(new LayerApplier.Limits(1 << 20, true))
                .apply(new ByteArrayInputStream(new LayerApplierTest.Tar().file(".wh.victim", "").bytes()), target, DeletionStyle.COPY);
        assertTrue(Files.notExists(target.resolve("victim")));
    }

    @Test
    void aSparseFileCountsAtItsRealSize() throws IOException {
        LayerApplier small = new LayerApplier(new LayerApplier.Limits(1 << 20, true));
        byte[] tar = sparse("holes", 64L << 20);
        var e = assertThrows(UnsafeArchiveException.class,
                () -> small.apply(new ByteArrayInputStream(tar), target, DeletionStyle.COPY));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        assertTrue(Files.notExists(target.resolve("holes")) || Files.size(target.resolve("holes")) <= 1 << 20);
    }

    @Test
    void aSparseFileWithinTheCapExpands() throws IOException {
        new LayerApplier(new LayerApplier.Limits(1 << 20, true))
                .apply(new ByteArrayInputStream(sparse("holes", 4096)), target, DeletionStyle.COPY);
        byte[] data = Files.readAllBytes(target.resolve("holes"));
        assertEquals(4096, data.length);
        assertEquals('x', data[4095]);
    }

    @Test
    void theNumberOfEntriesIsCapped() throws IOException {
        LayerApplier few = new LayerApplier(new LayerApplier.Limits(1 << 20, true, 10));
        var tar = new LayerApplierTest.Tar();
        for (int i = 0; i < 11; i++) {
            tar.file("f" + i, "");
        }
        byte[] bytes = tar.bytes();
        var e = assertThrows(UnsafeArchiveException.class,
                () -> few.apply(new ByteArrayInputStream(bytes), target, DeletionStyle.COPY));
        assertTrue(e.getMessage().contains("more than the limit of 10 entries"), e.getMessage());
        var ten = new LayerApplierTest.Tar();
        for (int i = 0; i < 10; i++) {
            ten.file("g" + i, "");
        }
        few.apply(new ByteArrayInputStream(ten.bytes()), target, DeletionStyle.COPY);
    }

    /** A PAX 1.0 sparse file: one byte {@code x} at the end of {@code realSize} bytes, the rest a hole. */
    static byte[] sparse(String name, long realSize) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            byte[] pax = (record("GNU.sparse.major", "1") + record("GNU.sparse.minor", "0")
                    + record("GNU.sparse.name", name) + record("GNU.sparse.realsize", Long.toString(realSize)))
                    .getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry header = new TarArchiveEntry("PaxHeaders/" + name, TarConstants.LF_PAX_EXTENDED_HEADER_LC);
            header.setSize(pax.length);
            out.putArchiveEntry(header);
            out.write(pax);
            out.closeArchiveEntry();
            // the map (one region: 1 byte at realSize - 1) in a block of its own, then the region's data
            byte[] map = new byte[512];
            byte[] text = ("1\n" + (realSize - 1) + "\n1\n").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, map, 0, text.length);
            TarArchiveEntry file = new TarArchiveEntry("GNUSparseFile.0/" + name);
            file.setSize(513);
            file.setMode(0100644);
            out.putArchiveEntry(file);
            out.write(map);
            out.write('x');
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static String record(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int len = body.length() + 1;
        while (len != Integer.toString(len).length() + body.length()) {
            len = Integer.toString(len).length() + body.length();
        }
        return len + body;
    }
}
