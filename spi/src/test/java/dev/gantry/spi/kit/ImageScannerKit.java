package dev.gantry.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.spi.plugin.PluginContext;
import dev.gantry.spi.plugin.PluginException;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.spi.scan.Finding;
import dev.gantry.spi.scan.ImageScanner;
import dev.gantry.spi.scan.ImageView;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner checks: a scan reads only, gives the same findings twice, keeps to its root and its layers, never
 * shows a secret in clear, and ends on a hostile image (links in circles and out of the root, FIFOs, huge and
 * malformed files where package databases live).
 */
public abstract class ImageScannerKit extends PluginKit<ImageScanner> {
    /** Planted in the kit's fixtures; no finding may show it in clear. */
    protected static final String CANARY = "kit0canary0QWERTYUIOPASDFGHJKL";
    private static final Duration HOSTILE_LIMIT = Duration.ofSeconds(60);

    @TempDir
    protected Path work;

    @Override
    protected Class<ImageScanner> serviceType() {
        return ImageScanner.class;
    }

    @Override
    protected PluginKind kind() {
        return PluginKind.SCANNER;
    }

    /** Lets a scanner's test put something findable in the fixture root (the bottom layer). */
    protected void populate(Path rootfs) throws IOException {
    }

    /** The findings this scanner reads from the scanners it {@link ImageScanner#needs()}: none by default. */
    protected List<Finding> previous(ImageView view) {
        return List.of();
    }

    protected ImageScanner initialised() throws IOException {
        ImageScanner scanner = newPlugin();
        scanner.init(new PluginContext(Files.createDirectories(work.resolve("state")),
                Files.createDirectories(work.resolve("run")), Map.of()));
        return scanner;
    }

    /** A two-layer view: layer 0 is {@code bottom}, layer 1 (and the image) is {@code top}. */
    protected static ImageView layered(Path bottom, Path top) {
        return new ImageView("sha256:" + "0".repeat(64), top, List.of("PATH=/bin"), "", Map.of(),
                List.of(new ImageView.HistoryStep(0, "/bin/sh -c #(nop) ADD file:0 in /", false),
                        new ImageView.HistoryStep(1, "/bin/sh -c rm -f /root/key", false)),
                List.of(new ImageView.Layer(0, "sha256:" + "1".repeat(64), bottom, 0),
                        new ImageView.Layer(1, "sha256:" + "2".repeat(64), top, 1)),
                Set.of(), false);
    }

    @Test
    void scanIsRepeatableAndLeavesTheRootAlone() throws IOException {
        Path rootfs = Files.createDirectories(work.resolve("rootfs/etc")).getParent();
        populate(rootfs);
        ImageScanner scanner = initialised();
        ImageView view = ImageView.flat("sha256:" + "0".repeat(64), rootfs, List.of("PATH=/bin"), "", Map.of());
        long before = count(rootfs);
        List<Finding> previous = previous(view);
        assertEquals(scanner.scan(view, previous), scanner.scan(view, previous));
        assertEquals(before, count(rootfs));
    }

    @Test
    void findingsPointIntoTheImageAndAtItsLayers() throws IOException {
        Path bottom = Files.createDirectories(work.resolve("bottom"));
        populate(bottom);
        Path top = Files.createDirectories(work.resolve("top"));
        populate(top);
        ImageView view = layered(bottom, top);
        for (Finding f : initialised().scan(view, previous(view))) {
            if (f.layer() != null) {
                assertTrue(f.layer() >= 0 && f.layer() < view.layers().size(), "layer index in range: " + f);
            }
            if (f.file() != null) {
                assertTrue(f.file().startsWith("/") && !f.file().contains("/../"), "an absolute path in the image: " + f);
            }
            if (f.historyStep() != null) {
                assertTrue(f.historyStep() >= -1 && f.historyStep() < view.history().size(), "history step in range: " + f);
            }
        }
    }

    @Test
    void hostileRootEndsCleanlyAndStaysInside() throws IOException {
        Path outside = Files.createDirectories(work.resolve("outside"));
        plantCanaries(outside);
        Path root = Files.createDirectories(work.resolve("hostile"));
        populate(root);
        Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.createDirectories(root.resolve("lib/apk/db"));
        Files.createDirectories(root.resolve("loop"));
        Files.createSymbolicLink(root.resolve("loop/a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("loop/b"), Path.of("a"));
        Files.createSymbolicLink(root.resolve("loop/self"), Path.of("."));
        Files.createSymbolicLink(root.resolve("loop/up"), Path.of("../loop"));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("var/lib/dpkg/status.d"), Path.of("../../../../outside"));
        Files.createSymbolicLink(root.resolve("home"), Path.of("/"));
        Path deep = root.resolve("deep");
        for (int i = 0; i < 120; i++) {
            deep = deep.resolve("d");
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve(".env"), "TOKEN=" + CANARY + "\n");
        try (RandomAccessFile huge = new RandomAccessFile(root.resolve("lib/apk/db/installed").toFile(), "rw")) {
            huge.setLength(8L << 30); // sparse: 8 GiB of zeros that costs no disk
        }
        Files.createDirectories(root.resolve("usr/lib/sysimage/rpm"));
        Files.write(root.resolve("usr/lib/sysimage/rpm/rpmdb.sqlite"), new byte[] {'S', 'Q', 'L', 'i', 't', 'e', 0, 1, 2});
        Files.writeString(root.resolve("app.jar"), "PK\u0003\u0004 not really a zip");
        Files.deleteIfExists(root.resolve("etc/os-release"));
        mkfifo(root.resolve("etc/os-release"));
        mkfifo(root.resolve("config.env"));
        ImageView view = ImageView.flat("sha256:" + "0".repeat(64), root, List.of(), "", Map.of());
        ImageScanner scanner = initialised();
        List<Finding> found = assertTimeoutPreemptively(HOSTILE_LIMIT, () -> {
            try {
                return scanner.scan(view, previous(view));
            } catch (PluginException refused) {
                assertFalse(refused.getMessage().isBlank(), "a refusal says why");
                return List.of();
            }
        }, "a hostile image must not hang the scanner");
        for (Finding f : found) {
            assertFalse(f.toString().contains("outside-canary"), "nothing from outside the root: " + f);
            assertFalse(f.toString().contains(CANARY), "no secret in clear: " + f);
        }
    }

    private static void plantCanaries(Path outside) throws IOException {
        Files.writeString(outside.resolve("status"), "Package: outside-canary\nStatus: install ok installed\n"
                + "Version: 1.0\nArchitecture: all\n\n");
        Files.writeString(outside.resolve(".env"), "OUTSIDE=outside-canary\n");
        Files.writeString(outside.resolve("id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\noutside-canary\n"
                + "-----END OPENSSH PRIVATE KEY-----\n");
    }

    private static void mkfifo(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        try {
            int rc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor();
            if (rc != 0) {
                throw new IOException("mkfifo " + p + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static long count(Path root) throws IOException {
        List<Path> all = new ArrayList<>();
        try (var s = Files.walk(root)) {
            s.forEach(all::add);
        }
        return all.size();
    }
}
