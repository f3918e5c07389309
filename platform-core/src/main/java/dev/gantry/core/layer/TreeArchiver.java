package dev.gantry.core.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes files of a directory tree into a tar stream as Docker does for export, {@code docker cp} and commits:
 * modes, owners, times, symbolic links as links (never followed), device nodes and FIFOs.
 */
public final class TreeArchiver {
    private TreeArchiver() {
    }

    public static TarArchiveOutputStream open(java.io.OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, java.nio.charset.StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    /** Writes {@code path} and, for a directory, everything under it, named {@code name} and below in the archive. */
    public static void writeTree(TarArchiveOutputStream tar, Path path, String name) throws IOException {
        writeEntry(tar, path, name);
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> children;
            try (Stream<Path> s = Files.list(path)) {
                children = s.sorted().toList();
            }
            for (Path child : children) {
                String childName = (name.isEmpty() || name.endsWith("/") ? name : name + "/") + child.getFileName();
                writeTree(tar, child, childName);
            }
        }
    }

    /**
     * Writes {@code relative} of a tree someone may change meanwhile, and everything under it: each object is
     * looked up again from the root and read without following its last component, so a directory swapped for a
     * link is archived as the link. {@code skip} names directories whose contents stay out (a running
     * container's {@code /proc} and {@code /sys}).
     */
    public static void writeTree(TarArchiveOutputStream tar, TargetTree tree, String relative, String name,
                                 java.util.function.Predicate<String> skip) throws IOException {
        List<String> children = List.of();
        try {
            Path p = tree.lookup(relative);
            writeEntry(tar, p, name);
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !skip.test(relative)) {
                try (Stream<Path> s = Files.list(tree.resolve(relative))) {
                    children = s.map(c -> c.getFileName().toString()).sorted().toList();
                }
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            return; // removed meanwhile
        } finally {
            tree.release();
        }
        for (String child : children) {
            String childName = (name.isEmpty() || name.endsWith("/") ? name : name + "/") + child;
            writeTree(tar, tree, relative.isEmpty() ? child : relative + "/" + child, childName, skip);
        }
    }

    /** Writes one file system object (a directory without its children). */
    public static void writeEntry(TarArchiveOutputStream tar, Path path, String name) throws IOException {
        writeEntry(tar, path, name, null, null);
    }

    /**
     * Writes one file system object, owned by {@code ids} ({uid, gid}) and with permission bits {@code perms}
     * (not for links) when given: COPY's {@code --chown} and {@code --chmod}. Never opens anything but a
     * regular file, and never follows a link.
     */
    public static void writeEntry(TarArchiveOutputStream tar, Path path, String name, int[] ids, Integer perms) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid,size,lastModifiedTime,rdev", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int type = mode & 0170000;
        TarArchiveEntry e;
        String entryName = name.isEmpty() ? "." : name;
        switch (type) {
            case 0040000 -> e = new TarArchiveEntry(entryName.endsWith("/") ? entryName : entryName + "/");
            case 0120000 -> {
                e = new TarArchiveEntry(entryName, TarConstants.LF_SYMLINK);
                e.setLinkName(Files.readSymbolicLink(path).toString());
            }
            case 0020000, 0060000 -> {
                e = new TarArchiveEntry(entryName, type == 0020000 ? TarConstants.LF_CHR : TarConstants.LF_BLK);
                long rdev = (Long) a.get("rdev");
                e.setDevMajor((int) (((rdev >>> 32) & 0xfffff000L) | ((rdev >>> 8) & 0xfffL)));
                e.setDevMinor((int) (((rdev >>> 12) & 0xffffff00L) | (rdev & 0xffL)));
            }
            case 0010000 -> e = new TarArchiveEntry(entryName, TarConstants.LF_FIFO);
            case 0140000 -> {
                return; // sockets do not go into archives
            }
            default -> {
                e = new TarArchiveEntry(entryName);
                e.setSize((Long) a.get("size"));
            }
        }
        e.setMode(perms != null && type != 0120000 ? perms : mode & 07777);
        if (ids != null) {
            e.setIds(ids[0], ids[1]);
        } else {
            e.setIds((Integer) a.get("uid"), (Integer) a.get("gid"));
        }
        e.setModTime((FileTime) a.get("lastModifiedTime"));
        tar.putArchiveEntry(e);
        if (type == 0100000) {
            try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                // exactly the size in the header, even when a running container writes the file meanwhile
                long left = e.getSize();
                byte[] buf = new byte[64 * 1024];
                for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; left -= n) {
                    tar.write(buf, 0, n);
                }
                java.util.Arrays.fill(buf, (byte) 0);
                for (; left > 0; left -= Math.min(buf.length, left)) {
                    tar.write(buf, 0, (int) Math.min(buf.length, left));
                }
            }
        }
        tar.closeArchiveEntry();
    }

    /** An OCI whiteout: the layer deletes {@code name}. */
    public static void writeWhiteout(TarArchiveOutputStream tar, String name) throws IOException {
        int slash = name.lastIndexOf('/');
        String wh = (slash < 0 ? "" : name.substring(0, slash + 1)) + ".wh." + name.substring(slash + 1);
        TarArchiveEntry e = new TarArchiveEntry(wh);
        e.setSize(0);
        e.setMode(0644);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }
}
