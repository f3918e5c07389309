package dev.gantry.core.layer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * What a container changed, found by comparing its root file system with its image's, as Docker's naive differ
 * does: works on every storage driver. Directories count as changed when something in them did. The paths a
 * runtime makes for its own mounts ({@code /proc}, {@code /sys}, {@code /dev}, the bound {@code /etc} files) are
 * not the container's changes and are left out.
 */
public final class LayerDiffer {
    public enum Kind { MODIFIED, ADDED, DELETED }

    public record Change(String path, Kind kind) {
    }

    private static final Set<String> IGNORED = Set.of("/proc", "/sys", "/dev", "/etc/hostname", "/etc/hosts",
            "/etc/resolv.conf", "/.dockerenv", "/sbin/docker-init");

    private LayerDiffer() {
    }

    public static List<Change> changes(Path lower, Path upper) throws IOException {
        Map<String, Kind> found = new TreeMap<>();
        walk(lower, upper, "", found);
        for (String p : List.copyOf(found.keySet())) {
            for (String parent = parent(p); !parent.equals("/"); parent = parent(parent)) {
                if (!found.containsKey(parent)) {
                    found.put(parent, Kind.MODIFIED);
                }
            }
        }
        List<Change> out = new ArrayList<>();
        found.forEach((p, k) -> out.add(new Change(p, k)));
        return out;
    }

    private static String parent(String p) {
        int i = p.lastIndexOf('/');
        return i <= 0 ? "/" : p.substring(0, i);
    }

    private static void walk(Path lower, Path upper, String rel, Map<String, Kind> found) throws IOException {
        Set<String> lowerNames = names(lower.resolve(rel.isEmpty() ? "." : rel.substring(1)));
        Set<String> upperNames = names(upper.resolve(rel.isEmpty() ? "." : rel.substring(1)));
        for (String n : upperNames) {
            String p = rel + "/" + n;
            if (IGNORED.contains(p)) {
                continue;
            }
            Path u = upper.resolve(p.substring(1));
            if (!lowerNames.contains(n)) {
                added(upper, p, found);
                continue;
            }
            Path l = lower.resolve(p.substring(1));
            boolean uDir = Files.isDirectory(u, LinkOption.NOFOLLOW_LINKS);
            boolean lDir = Files.isDirectory(l, LinkOption.NOFOLLOW_LINKS);
            if (uDir && lDir) {
                walk(lower, upper, p, found);
                if (!same(l, u, false)) {
                    found.put(p, Kind.MODIFIED);
                }
            } else if (uDir != lDir || !same(l, u, true)) {
                found.put(p, Kind.MODIFIED);
            }
        }
        for (String n : lowerNames) {
            String p = rel + "/" + n;
            if (!upperNames.contains(n) && !IGNORED.contains(p)) {
                found.put(p, Kind.DELETED);
            }
        }
    }

    private static void added(Path upper, String p, Map<String, Kind> found) throws IOException {
        found.put(p, Kind.ADDED);
        Path u = upper.resolve(p.substring(1));
        if (Files.isDirectory(u, LinkOption.NOFOLLOW_LINKS)) {
            for (String n : names(u)) {
                added(upper, p + "/" + n, found);
            }
        }
    }

    private static boolean same(Path a, Path b, boolean compareTimes) throws IOException {
        Map<String, Object> x = Files.readAttributes(a, "unix:mode,uid,gid,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        Map<String, Object> y = Files.readAttributes(b, "unix:mode,uid,gid,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        if (!x.get("mode").equals(y.get("mode")) || !x.get("uid").equals(y.get("uid")) || !x.get("gid").equals(y.get("gid"))) {
            return false;
        }
        if (Files.isSymbolicLink(a)) {
            return Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b));
        }
        if (Files.isDirectory(a, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        return x.get("size").equals(y.get("size")) && (!compareTimes || x.get("lastModifiedTime").equals(y.get("lastModifiedTime")));
    }

    private static Set<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new java.util.TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** A layer tar of the changes: added and modified files from {@code upper}, whiteouts for deletions. */
    public static void writeLayer(Path upper, List<Change> changes, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = TreeArchiver.open(out);
        for (Change c : changes) {
            String name = c.path().substring(1);
            switch (c.kind()) {
                case DELETED -> TreeArchiver.writeWhiteout(tar, name);
                case ADDED, MODIFIED -> TreeArchiver.writeEntry(tar, upper.resolve(name), name);
            }
        }
        tar.finish();
    }
}
