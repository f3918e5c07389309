package dev.gantry.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gantry.spi.plugin.PluginContext;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.spi.scan.ImageScanner;
import dev.gantry.spi.scan.ImageView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner checks: a scan reads only, and gives the same findings twice. */
public abstract class ImageScannerKit extends PluginKit<ImageScanner> {
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

    /** Lets a scanner's test put something findable in the fixture root. */
    protected void populate(Path rootfs) throws IOException {
    }

    @Test
    void scanIsRepeatableAndLeavesTheRootAlone() throws IOException {
        Path rootfs = Files.createDirectories(work.resolve("rootfs/etc"));
        populate(rootfs.getParent());
        ImageScanner scanner = newPlugin();
        scanner.init(new PluginContext(Files.createDirectories(work.resolve("state")),
                Files.createDirectories(work.resolve("run")), Map.of()));
        ImageView view = new ImageView("sha256:" + "0".repeat(64), rootfs.getParent(), List.of("PATH=/bin"), "",
                Map.of(), List.of());
        long before;
        try (var s = Files.walk(view.rootfs())) {
            before = s.count();
        }
        assertEquals(scanner.scan(view), scanner.scan(view));
        try (var s = Files.walk(view.rootfs())) {
            assertEquals(before, s.count());
        }
    }
}
