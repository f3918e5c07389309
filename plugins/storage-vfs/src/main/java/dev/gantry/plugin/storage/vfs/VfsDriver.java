package dev.gantry.plugin.storage.vfs;

import dev.gantry.plugin.storage.support.DirectorySnapshotter;
import dev.gantry.plugin.storage.support.SnapshotDir;
import dev.gantry.spi.plugin.Availability;
import dev.gantry.spi.plugin.PluginDescriptor;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.spi.storage.DeletionStyle;
import dev.gantry.spi.storage.Mount;
import dev.gantry.spi.storage.SnapshotKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The vfs snapshotter: every active snapshot is a full copy of its parent, made with {@code cp -a} so that
 * owners, modes, xattrs and device nodes survive. Slow and large, but it needs nothing from the filesystem.
 */
public final class VfsDriver extends DirectorySnapshotter {
    private static final PluginDescriptor DESCRIPTOR =
            new PluginDescriptor(PluginKind.STORAGE, "vfs", "0.1.0", Set.of("copy"));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability probe() {
        return Files.isExecutable(Path.of("/bin/cp"))
                ? Availability.available("plain copies")
                : Availability.unavailable("/bin/cp is missing");
    }

    @Override
    protected void populate(Path building, Optional<SnapshotDir> parent, SnapshotKind kind) throws IOException {
        // a view shares its parent's content read-only; only an active snapshot needs its own copy
        if (kind == SnapshotKind.ACTIVE && parent.isPresent()) {
            copyTree(parent.get().fs(), building.resolve("fs"));
        }
    }

    @Override
    protected List<Mount> mountsOf(SnapshotDir s) {
        if (s.info().kind() == SnapshotKind.VIEW) {
            Path source = s.info().parent().map(p -> committed(p).fs()).orElse(s.fs());
            return List.of(new Mount("bind", source.toString(), List.of("rbind", "ro")));
        }
        return List.of(new Mount("bind", s.fs().toString(), List.of("rbind", "rw")));
    }

    @Override
    public DeletionStyle deletionStyle() {
        return DeletionStyle.COPY;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Process p = new ProcessBuilder("cp", "-a", "--reflink=auto", from + "/.", to.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IOException("cp failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying", e);
        }
    }
}
