package dev.gantry.core.layer;

import dev.gantry.core.sys.Syscalls;
import dev.gantry.core.content.Digest;
import dev.gantry.spi.storage.DeletionStyle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies a layer tar (plain, gzip or zstd) onto a root directory, which is the mount of a prepared snapshot,
 * and computes the layer's diffID on the way.
 *
 * <p>The archive is hostile input: entries with {@code ..} or absolute names are refused, every parent is
 * resolved inside the root (links included), hard links must point inside the root, device nodes are made only
 * when allowed, and the expanded size (sparse files at their full size, counted as they are written) and the
 * number of entries are capped. In a layer, OCI whiteouts become what the storage driver's {@link DeletionStyle}
 * says; in plain file archives ({@link #files()}: {@code docker cp}, build contexts, {@code ADD} of a tar) a
 * {@code .wh.} name is only a name. A failure throws and leaves the root half-written: the caller discards the
 * snapshot, so no partial layer is ever visible.
 */
public final class LayerApplier {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    /**
     * @param maxBytes     the most file content one layer may expand to
     * @param allowDevices whether character and block devices may be created (only as root)
     * @param maxEntries   the most entries one archive may hold (each costs memory while it is applied)
     */
    public record Limits(long maxBytes, boolean allowDevices, long maxEntries) {
        public static final long DEFAULT_MAX_ENTRIES = 1L << 20;
        public static final Limits DEFAULT = new Limits(64L << 30, true);

        public Limits(long maxBytes, boolean allowDevices) {
            this(maxBytes, allowDevices, DEFAULT_MAX_ENTRIES);
        }
    }

    /** @param diffId sha256 of the uncompressed tar; @param size bytes of file content written */
    public record Applied(Digest diffId, long size) {
    }

    private final Limits limits;
    private final boolean whiteouts;

    public LayerApplier(Limits limits) {
        this(limits, true);
    }

    private LayerApplier(Limits limits, boolean whiteouts) {
        this.limits = limits;
        this.whiteouts = whiteouts;
    }

    /** The same limits for archives of plain files, where {@code .wh.} names are files like any other. */
    public LayerApplier files() {
        return new LayerApplier(limits, false);
    }

    public Applied apply(InputStream layer, Path root, DeletionStyle style) throws IOException {
        return apply(layer, root, style, Optional.empty());
    }

    /**
     * Applies with every entry owned by {@code owner} ({@code [uid, gid]}) instead of the archive's owners, as
     * {@code docker cp} into a container does unless asked to keep them.
     */
    public Applied apply(InputStream layer, Path root, DeletionStyle style, Optional<int[]> owner) throws IOException {
        return apply(layer, new HostTree(root), style, owner);
    }

    /** Applies into a tree whose lookups the tree keeps inside (a container's files: {@link RootedTree}). */
    public Applied apply(InputStream layer, TargetTree root, DeletionStyle style, Optional<int[]> owner) throws IOException {
        MessageDigest md = Digest.sha256();
        Counted counted = new Counted(Compression.decompressed(layer));
        DigestInputStream digesting = new DigestInputStream(counted, md);
        Run run = new Run(root, style, owner);
        TarArchiveInputStream tar = new TarArchiveInputStream(digesting, StandardCharsets.UTF_8.name());
        try {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = next(tar, counted, digesting)) {
                run.entry(e, tar);
            }
            run.finishDirectories();
        } finally {
            root.release();
        }
        // the tar's trailing blocks count towards the diffID too
        digesting.transferTo(OutputStream.nullOutputStream());
        return new Applied(Digest.of(md), run.written);
    }

    /**
     * The next entry, where an archive that stops right after an entry's content, without padding or end blocks,
     * simply ends: Go's tar reader, and so dockerd, reads it so, and the docker CLI sends such build contexts when
     * the Dockerfile lies outside the context. A stop anywhere else is still a truncated archive.
     */
    private static TarArchiveEntry next(TarArchiveInputStream tar, Counted counted, InputStream rest) throws IOException {
        long entryEnd = counted.count;
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            if (counted.count == entryEnd && rest.read() == -1) {
                return null;
            }
            throw e;
        }
    }

    /** Counts the bytes read through it. */
    private static final class Counted extends java.io.FilterInputStream {
        long count;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** Splits an entry name into clean components, refusing what could leave the root. */
    static List<String> components(String name) throws UnsafeArchiveException {
        if (name.startsWith("/")) {
            throw new UnsafeArchiveException("archive entry with an absolute path: " + name);
        }
        List<String> parts = new ArrayList<>();
        for (String p : name.split("/")) {
            if (p.equals("..")) {
                throw new UnsafeArchiveException("archive entry leaving its root: " + name);
            }
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return parts;
    }

    /**
     * A relative link whose target climbs above the root is refused, as Docker refuses it: inside a container
     * it could not mean anything else than an escape attempt. Absolute targets are the container's own paths.
     */
    static void refuseClimbingLink(String name, String target) throws UnsafeArchiveException {
        if (target.startsWith("/")) {
            return;
        }
        List<String> entry = components(name);
        int depth = entry.size() - 1;
        for (String p : target.split("/")) {
            if (p.equals("..")) {
                if (--depth < 0) {
                    throw new UnsafeArchiveException("invalid symlink " + name + " -> " + target + ": it leaves the root");
                }
            } else if (!p.isEmpty() && !p.equals(".")) {
                depth++;
            }
        }
    }

    private final class Run {
        private final TargetTree root;
        private final DeletionStyle style;
        private final Set<String> madeHere = new HashSet<>();
        private final List<Map.Entry<String, FileTime>> directoryTimes = new ArrayList<>();
        private long written;
        private long entries;

        private final Optional<int[]> owner;

        Run(TargetTree root, DeletionStyle style, Optional<int[]> owner) {
            this.root = root;
            this.style = style;
            this.owner = owner;
        }

        void entry(TarArchiveEntry e, InputStream content) throws IOException {
            try {
                unpack(e, content);
            } finally {
                root.release();
            }
        }

        private void unpack(TarArchiveEntry e, InputStream content) throws IOException {
            if (++entries > limits.maxEntries()) {
                throw new UnsafeArchiveException("archive holds more than the limit of " + limits.maxEntries() + " entries");
            }
            List<String> parts = components(e.getName());
            if (parts.isEmpty()) {
                return;
            }
            String relative = String.join("/", parts);
            String base = parts.get(parts.size() - 1);
            if (whiteouts && base.equals(OPAQUE)) {
                opaque(parts.size() == 1 ? "" : relative.substring(0, relative.length() - OPAQUE.length() - 1));
                return;
            }
            if (whiteouts && base.startsWith(WHITEOUT)) {
                String hidden = relative.substring(0, relative.length() - base.length()) + base.substring(WHITEOUT.length());
                whiteout(hidden);
                return;
            }
            Path target = root.entry(relative);
            if (e.isDirectory()) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    FileTrees.deleteBeneath(target);
                    Files.createDirectory(target);
                }
            } else {
                FileTrees.deleteBeneath(target);
                create(e, target, content);
            }
            madeHere.add(relative);
            metadata(e, target, relative);
        }

        private void create(TarArchiveEntry e, Path target, InputStream content) throws IOException {
            if (e.isSymbolicLink()) {
                refuseClimbingLink(e.getName(), e.getLinkName());
                Files.createSymbolicLink(target, Path.of(e.getLinkName()));
            } else if (e.isLink()) {
                String linked = String.join("/", components(e.getLinkName()));
                Path source = root.lookup(linked);
                if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(source)) {
                    throw new UnsafeArchiveException("hard link " + e.getName() + " to " + e.getLinkName()
                            + ", which is not a file in this layer's root");
                }
                Files.createLink(target, source);
            } else if (e.isCharacterDevice() || e.isBlockDevice()) {
                if (!limits.allowDevices()) {
                    return;
                }
                int type = e.isCharacterDevice() ? Syscalls.S_IFCHR : Syscalls.S_IFBLK;
                Syscalls.mknod(target, type | (e.getMode() & 07777), e.getDevMajor(), e.getDevMinor());
            } else if (e.isFIFO()) {
                Syscalls.mknod(target, Syscalls.S_IFIFO | (e.getMode() & 07777), 0, 0);
            } else if (e.isFile()) {
                // a sparse entry stores little and expands to its real size: the larger one is refused up front
                countWritten(Math.max(e.getSize(), e.isSparse() ? e.getRealSize() : 0));
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    byte[] buf = new byte[64 << 10];
                    long copied = 0;
                    for (int n; (n = content.read(buf)) > 0; ) {
                        copied += n;
                        // ...and the bytes actually written are counted as well, whatever the headers said
                        countWritten(copied);
                        out.write(buf, 0, n);
                    }
                    written += copied;
                }
            } else {
                throw new UnsafeArchiveException("unsupported archive entry type for " + e.getName());
            }
        }

        /** Refuses an entry of {@code entryBytes} that would take the archive beyond its size limit. */
        private void countWritten(long entryBytes) throws UnsafeArchiveException {
            if (written + entryBytes > limits.maxBytes()) {
                throw new UnsafeArchiveException("layer expands beyond the limit of " + limits.maxBytes() + " bytes");
            }
        }

        private void metadata(TarArchiveEntry e, Path target, String relative) throws IOException {
            if (e.isCharacterDevice() || e.isBlockDevice()) {
                if (!limits.allowDevices()) {
                    return;
                }
            }
            boolean link = e.isSymbolicLink();
            PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:uid", owner.map(o -> o[0]).orElse((int) e.getLongUserId()), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:gid", owner.map(o -> o[1]).orElse((int) e.getLongGroupId()), LinkOption.NOFOLLOW_LINKS);
            if (!link) {
                dev.gantry.core.sys.RootedOpen.chmodNoFollow(target, e.getMode() & 07777);
            }
            for (var x : e.getExtraPaxHeaders().entrySet()) {
                if (x.getKey().startsWith("SCHILY.xattr.")) {
                    Syscalls.lsetxattr(target, x.getKey().substring("SCHILY.xattr.".length()),
                            x.getValue().getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            FileTime mtime = FileTime.from(e.getLastModifiedTime().toInstant());
            if (e.isDirectory()) {
                directoryTimes.add(Map.entry(relative, mtime));
            } else if (e.isFIFO() || e.isCharacterDevice() || e.isBlockDevice()) {
                Syscalls.setTimesNoFollow(target, mtime.toInstant());
            } else {
                view.setTimes(mtime, mtime, null);
            }
        }

        private void whiteout(String hidden) throws IOException {
            if (style == DeletionStyle.OVERLAY_WHITEOUT) {
                Path target = root.entry(hidden);
                FileTrees.deleteBeneath(target);
                Syscalls.mknod(target, Syscalls.S_IFCHR, 0, 0);
                return;
            }
            try {
                FileTrees.deleteBeneath(root.lookup(hidden));
            } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException nothingThere) {
                // the parent is not there: nothing to delete
            }
        }

        private void opaque(String dir) throws IOException {
            if (!dir.isEmpty()) {
                Path made = root.entry(dir);
                if (!Files.isDirectory(made)) {
                    Files.createDirectory(made);
                }
            }
            Path target = root.resolve(dir);
            if (style == DeletionStyle.OVERLAY_WHITEOUT) {
                Syscalls.lsetxattr(target, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String prefix = dir.isEmpty() ? "" : dir + "/";
            try (Stream<Path> children = Files.list(target)) {
                for (Path child : children.toList()) {
                    if (!madeHere.contains(prefix + child.getFileName())) {
                        FileTrees.deleteBeneath(child);
                    }
                }
            }
        }

        void finishDirectories() throws IOException {
            for (int i = directoryTimes.size() - 1; i >= 0; i--) {
                var d = directoryTimes.get(i);
                try {
                    Files.getFileAttributeView(root.lookup(d.getKey()), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setTimes(d.getValue(), d.getValue(), null);
                } finally {
                    root.release();
                }
            }
        }
    }
}
