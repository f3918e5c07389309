package dev.gantry.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.spi.storage.DeletionStyle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookups the kernel keeps inside the root: links to the host path or to / mean the root's own. */
class RootedTreeTest {
    @TempDir
    Path work;

    @Test
    void absoluteLinksAndDotDotStayInTheRoot() throws IOException {
        Path root = Files.createDirectories(work.resolve("root"));
        Path outside = Files.createDirectories(work.resolve("outside"));
        Files.createSymbolicLink(root.resolve("up"), Path.of("/"));
        Files.createSymbolicLink(root.resolve("host"), outside);
        Files.createSymbolicLink(root.resolve("dots"), Path.of("../../../.."));
        Files.createDirectories(root.resolve(outside.toString().substring(1)));
        LayerApplier applier = new LayerApplier(new LayerApplier.Limits(1 << 20, true));
        try (RootedTree tree = RootedTree.open(root)) {
            applier.apply(new ByteArrayInputStream(tar("file")), tree.under("host"), DeletionStyle.COPY, Optional.empty());
            applier.apply(new ByteArrayInputStream(tar("top")), tree.under("up"), DeletionStyle.COPY, Optional.empty());
            applier.apply(new ByteArrayInputStream(tar("dotted")), tree.under("dots/made"), DeletionStyle.COPY, Optional.empty());
        }
        try (var s = Files.list(outside)) {
            assertEquals(0, s.count(), "written outside the root");
        }
        assertTrue(Files.isRegularFile(root.resolve(outside.toString().substring(1)).resolve("file")));
        assertTrue(Files.isRegularFile(root.resolve("top")));
        assertTrue(Files.isRegularFile(root.resolve("made/dotted")));
        assertFalse(Files.exists(work.resolve("made")));
    }

    @Test
    void archivesLinksAsLinksAndReadsOnlyInside() throws IOException {
        Path root = Files.createDirectories(work.resolve("root"));
        Path outside = Files.createDirectories(work.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "host\n");
        Files.createSymbolicLink(root.resolve("host"), outside);
        Files.createDirectories(root.resolve("dir"));
        Files.writeString(root.resolve("dir/f"), "inside\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RootedTree tree = RootedTree.open(root)) {
            TarArchiveOutputStream tar = TreeArchiver.open(out);
            TreeArchiver.writeTree(tar, tree, "", ".", rel -> false);
            tar.finish();
        }
        StringBuilder names = new StringBuilder();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.append(e.getName()).append(e.isSymbolicLink() ? "->" + e.getLinkName() : "").append(' ');
                assertFalse(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("host"), e.getName());
            }
        }
        assertTrue(names.toString().contains("./host->" + outside), names.toString());
        assertTrue(names.toString().contains("./dir/f"), names.toString());
        assertTrue(Files.isSymbolicLink(root.resolve("host")));
        assertTrue(Files.exists(outside.resolve("secret"), LinkOption.NOFOLLOW_LINKS));
    }

    private static byte[] tar(String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            byte[] data = "x\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(data.length);
            out.putArchiveEntry(e);
            out.write(data);
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
