package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import dev.gantry.core.OperationTimer;
import dev.gantry.core.Spans;
import dev.gantry.core.layer.LayerApplier;
import dev.gantry.core.layer.RootedTree;
import dev.gantry.core.layer.TreeArchiver;
import dev.gantry.core.sys.RootedOpen;
import dev.gantry.core.sys.Syscalls;
import dev.gantry.spi.storage.DeletionStyle;
import dev.gantry.spi.storage.StorageDriver;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker cp} both ways: the container's files as it sees them, its volumes, binds and (while it runs) tmpfs
 * mounts included. A running container is reached through {@code /proc/<pid>/root}, which crosses into its mount
 * namespace; a stopped one gets its snapshot mounted with its volumes and binds on top, as dockerd mounts them.
 *
 * <p>The container may change its files while we copy (swap a directory for a link to {@code /}): every lookup
 * is the kernel's, inside the container's root ({@link RootedTree}), and every action touches a last component
 * without following it, so nothing outside the root, or outside a mount's source, is read or written.
 */
final class ContainerCopy {
    private static final long MS_REMOUNT = 32;
    /** A running container's kernel file systems: archived as directories, not walked. */
    private static final Set<String> NOT_WALKED = Set.of("proc", "sys");

    private final ContainerContext ctx;
    private final StorageDriver storage;
    private final LayerApplier applier;
    private final Tracer tracer;

    ContainerCopy(ContainerContext ctx, StorageDriver storage, LayerApplier applier, Tracer tracer) {
        this.ctx = ctx;
        this.storage = storage;
        this.applier = applier;
        this.tracer = tracer;
    }

    @FunctionalInterface
    interface TreeWork<T> {
        T run(RootedTree root, boolean running) throws IOException;
    }

    /** {@code HEAD /containers/{id}/archive}. */
    ContainerFilesystem.PathStat stat(String ref, String path) throws IOException {
        Target t = Target.of(path);
        return withTree(ref, null, (root, running) -> statOf(root, t, path));
    }

    /** {@code GET /containers/{id}/archive}: the path (a directory with all under it) as a tar, named by its base. */
    void archive(String ref, String path, OutputStream out) throws IOException {
        Target t = Target.of(path);
        withTree(ref, null, (root, running) -> {
            statOf(root, t, path);
            TarArchiveOutputStream tar = TreeArchiver.open(out);
            String name = t.relative().isEmpty() || t.dotted() ? "." : t.name();
            TreeArchiver.writeTree(tar, t.dotted() ? root.under(t.relative()) : root, t.dotted() ? "" : t.relative(), name,
                    rel -> running && NOT_WALKED.contains(t.dotted() ? join(t.relative(), rel) : rel));
            tar.finish();
            return null;
        });
    }

    /**
     * {@code PUT /containers/{id}/archive}: unpacks a tar into a directory of the container. Files belong to the
     * container's root unless {@code copyUidGid} keeps the archive's owners, as in Docker.
     */
    void extract(String ref, String path, InputStream tar, boolean copyUidGid) throws IOException {
        Target t = Target.of(path);
        writable(ctx.store().resolve(ref), "/" + t.relative());
        withTree(ref, "cp.in", (root, running) -> {
            try {
                if (!Files.isDirectory(root.resolve(t.relative()))) {
                    throw EngineException.invalid("extraction point is not a directory");
                }
            } catch (NoSuchFileException | NotDirectoryException e) {
                throw EngineException.notFound("Could not find the file " + path + " in container");
            } finally {
                root.release();
            }
            try (RootedTree into = root.under(t.relative())) {
                Spans.child(tracer, "cp.in.extract", () -> applier.files().apply(tar, into, DeletionStyle.COPY,
                        copyUidGid ? Optional.empty() : Optional.of(new int[]{0, 0})));
            } catch (FileSystemException e) {
                // the descriptor paths mean nothing to the client: the reason does
                throw EngineException.failed("extracting into " + path + ": " + e.getReason(), e);
            }
            return null;
        });
    }

    /**
     * Docker's checks before a copy in: a read-only mount over the path refuses it, and so does a read-only root
     * file system for a path in no mount (a stopped container's mounts here are not read-only by themselves).
     */
    private static void writable(Container c, String path) {
        MountPoint over = null;
        for (MountPoint m : c.mounts()) {
            String d = m.destination();
            if ((path.equals(d) || path.startsWith(d.endsWith("/") ? d : d + "/"))
                    && (over == null || d.length() > over.destination().length())) {
                over = m;
            }
        }
        if (over != null && !over.rw()) {
            throw EngineException.invalid("mounted volume is marked read-only");
        }
        if (over == null && c.hostConfig().readonlyRootfs()) {
            throw EngineException.invalid("container rootfs is marked read-only");
        }
    }

    private static ContainerFilesystem.PathStat statOf(RootedTree root, Target t, String asked) throws IOException {
        try {
            return ContainerFilesystem.stat(t.object(root), asked, t.name());
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw EngineException.notFound("Could not find the file " + asked + " in container");
        } finally {
            root.release();
        }
    }

    /** A path as Docker reads it: cleaned; a final {@code /.} means the directory's contents. */
    private record Target(String relative, boolean dotted, String name) {
        static Target of(String path) {
            String p = path.isEmpty() ? "/" : path;
            boolean dotted = p.equals(".") || p.endsWith("/.") || p.endsWith("/./");
            Path clean = Path.of("/").resolve(p).normalize();
            String rel = clean.toString().substring(1);
            return new Target(rel, dotted, clean.getFileName() == null ? "/" : clean.getFileName().toString());
        }

        /** The object itself: the last component not followed, unless the path asks for a directory's contents. */
        Path object(RootedTree root) throws IOException {
            return relative.isEmpty() || dotted ? root.resolve(relative).resolve(".") : root.lookup(relative);
        }
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
    }

    /** @param steps the operation's name for its steps' spans ({@code <steps>.mount}), or null for none */
    private <T> T withTree(String ref, String steps, TreeWork<T> work) throws IOException {
        Container c = ctx.store().resolve(ref);
        try {
            return ctx.locks().withLock(c.id(), () -> {
                try {
                    return locked(ctx.store().resolve(c.id()), steps, work);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private <T> T locked(Container c, String steps, TreeWork<T> work) throws IOException {
        if (c.status().alive() && c.state().pid() > 0) {
            RootedTree root;
            try {
                root = RootedTree.open(Path.of("/proc/" + c.state().pid() + "/root"));
            } catch (NoSuchFileException ended) {
                throw EngineException.conflict("container " + c.shortId() + " stopped while it was being copied to or from");
            }
            try (root) {
                if (!stillTheContainer(c)) {
                    throw EngineException.conflict("container " + c.shortId() + " stopped while it was being copied to or from");
                }
                return work.run(root, true);
            }
        }
        Path mnt = ctx.paths().mountPoint(c.id());
        try (RootedTree root = mounted(c, mnt, steps)) {
            return work.run(root, false);
        } finally {
            // a lazy unmount takes the volumes and binds mounted below with it
            RootFs.unmount(mnt);
            Files.deleteIfExists(mnt);
        }
    }

    /** A stopped container's root mounted at {@code mnt}, its volumes and binds on it: one step. */
    private RootedTree mounted(Container c, Path mnt, String steps) throws IOException {
        OperationTimer.Operation<RootedTree, IOException> mount = () -> {
            RootFs.mount(storage.mounts(c.snapshot()), mnt);
            RootedTree root = RootedTree.open(mnt);
            try {
                mountVolumes(c, root);
            } catch (IOException | RuntimeException e) {
                root.close();
                throw e;
            }
            return root;
        };
        return steps == null ? mount.run() : Spans.child(tracer, steps + ".mount", mount);
    }

    /** What the image has at a volume's place, which a new volume starts with (as at the container's start). */
    private static Optional<Path> imageContent(RootedTree root, String dest) throws IOException {
        try {
            // the directory itself, not the descriptor's magic link, for a walk that follows no links
            Path p = root.resolve(dest).resolve(".");
            return Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Optional.of(p) : Optional.empty();
        } catch (NoSuchFileException | NotDirectoryException none) {
            return Optional.empty();
        }
    }

    /**
     * Checked after the root is open: the pid is still the child of the container's conmon, so the root held is
     * the container's and not that of a process that got the pid after the container ended.
     */
    private static boolean stillTheContainer(Container c) throws IOException {
        if (c.state().monitorPid() <= 0) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + c.state().pid() + "/stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(after[1]) == c.state().monitorPid();
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    /** A stopped container's volumes and binds, parents first, each target looked up inside its root. */
    private void mountVolumes(Container c, RootedTree root) throws IOException {
        var mounts = c.mounts().stream().filter(m -> !m.type().equals("tmpfs"))
                .sorted(Comparator.comparingInt(m -> m.destination().split("/").length)).toList();
        for (MountPoint m : mounts) {
            try {
                mountOne(m, root);
            } finally {
                root.release();
            }
        }
    }

    private void mountOne(MountPoint m, RootedTree root) throws IOException {
        String dest = m.destination().substring(1);
        Path source = m.type().equals("bind") ? Path.of(m.source())
                : ctx.volumes().mountpoint(m.name(), imageContent(root, dest));
        if (!Files.exists(source)) {
            return;
        }
        if (m.subpath().isEmpty()) {
            mount(source, m, root, dest);
            return;
        }
        // only that part of the volume, looked up as at start (SubpathMounts): its contents are the container's to shape
        int base = RootedOpen.openDirectory(source);
        try {
            int fd = RootedOpen.openBeneath(base, m.subpath());
            try {
                mount(RootedOpen.path(fd), m, root, dest);
            } finally {
                RootedOpen.close(fd);
            }
        } finally {
            RootedOpen.close(base);
        }
    }

    private static void mount(Path source, MountPoint m, RootedTree root, String dest) throws IOException {
        Path at = root.entry(dest);
        if (!Files.exists(at)) {
            if (Files.isDirectory(source)) {
                Files.createDirectory(at);
            } else {
                Files.createFile(at);
            }
        }
        Syscalls.mount(source.toString(), root.resolve(dest), null, Syscalls.MS_BIND | Syscalls.MS_REC, null);
        if (!m.rw()) {
            // the lookup again, which now ends in the mount just made
            Syscalls.mount("none", root.resolve(dest), null, MS_REMOUNT | Syscalls.MS_BIND | Syscalls.MS_RDONLY, null);
        }
    }
}
