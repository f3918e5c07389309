package dev.gantry.plugin.storage.overlay;

import dev.gantry.plugin.storage.support.DirectorySnapshotter;
import dev.gantry.plugin.storage.support.SnapshotDir;
import dev.gantry.spi.plugin.Availability;
import dev.gantry.spi.plugin.PluginContext;
import dev.gantry.spi.plugin.PluginDescriptor;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.spi.storage.DeletionStyle;
import dev.gantry.spi.storage.Mount;
import dev.gantry.spi.storage.SnapshotKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The overlay snapshotter: each snapshot's {@code fs} holds only its own changes, and a snapshot is shown by
 * kernel overlayfs with its ancestors as lower directories. Removed files are whiteouts (0:0 character
 * devices) and opaque directories carry {@code trusted.overlay.opaque=y}, exactly as OCI layers describe them.
 *
 * <p>The overlay mount options name every ancestor's directory, so the number of layers is bounded by the
 * kernel's page-sized option string (about 40 layers with these paths).
 */
public final class OverlayDriver extends DirectorySnapshotter {
    private static final PluginDescriptor DESCRIPTOR =
            new PluginDescriptor(PluginKind.STORAGE, "overlay", "0.1.0", Set.of("overlayfs", "whiteouts"));
    private static final int MAX_OPTIONS = 4000;

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability probe() {
        try {
            boolean known = Files.readAllLines(Path.of("/proc/filesystems")).stream().anyMatch(l -> l.endsWith("\toverlay"));
            return known ? Availability.available("kernel overlayfs")
                    : Availability.unavailable("the kernel has no overlay filesystem (modprobe overlay)");
        } catch (IOException e) {
            return Availability.unavailable("cannot read /proc/filesystems: " + e.getMessage());
        }
    }

    @Override
    public void init(PluginContext context) throws IOException {
        super.init(context);
        checkUpperDirectories(context.stateDir());
    }

    /** Overlay needs a filesystem that can hold upper directories (not overlay itself, not some network ones). */
    private static void checkUpperDirectories(Path stateDir) throws IOException {
        String type = Files.getFileStore(stateDir).type();
        if (type.equals("overlay") || type.equals("nfs") || type.equals("fuse")) {
            throw new IOException(stateDir + " is on " + type + ", which overlayfs cannot use for upper directories");
        }
    }

    @Override
    protected void populate(Path building, Optional<SnapshotDir> parent, SnapshotKind kind) throws IOException {
        if (kind == SnapshotKind.ACTIVE) {
            Files.createDirectories(building.resolve("work"));
        }
    }

    @Override
    protected List<Mount> mountsOf(SnapshotDir s) {
        List<SnapshotDir> lower = ancestors(s);
        if (s.info().kind() == SnapshotKind.VIEW) {
            if (lower.isEmpty()) {
                return List.of(new Mount("bind", s.fs().toString(), List.of("rbind", "ro")));
            }
            if (lower.size() == 1) {
                return List.of(new Mount("bind", lower.get(0).fs().toString(), List.of("rbind", "ro")));
            }
            return List.of(overlay(List.of("ro", "lowerdir=" + lowerdirs(lower))));
        }
        if (lower.isEmpty()) {
            return List.of(new Mount("bind", s.fs().toString(), List.of("rbind", "rw")));
        }
        return List.of(overlay(List.of("index=off", "lowerdir=" + lowerdirs(lower), "upperdir=" + s.fs(),
                "workdir=" + s.dir().resolve("work"))));
    }

    private static String lowerdirs(List<SnapshotDir> lower) {
        List<String> dirs = new ArrayList<>();
        lower.forEach(l -> dirs.add(l.fs().toString()));
        return String.join(":", dirs);
    }

    private static Mount overlay(List<String> options) {
        int length = String.join(",", options).length();
        if (length > MAX_OPTIONS) {
            throw new dev.gantry.spi.plugin.PluginException(dev.gantry.spi.plugin.PluginException.Reason.INVALID,
                    "too many layers for one overlay mount (" + length + " bytes of options)");
        }
        return new Mount("overlay", "overlay", options);
    }

    @Override
    public DeletionStyle deletionStyle() {
        return DeletionStyle.OVERLAY_WHITEOUT;
    }
}
