package dev.gantry.core.logs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/** A container's log and its rotated predecessors ({@code container.log.1} is the newest of those). */
public final class LogFiles {
    private LogFiles() {
    }

    /**
     * The log's files, oldest first: every {@code <log>.<n>} there is, however large {@code max-file} was, so a
     * reader a rotation or twenty behind still finds the file after its own; then the {@link #kept} file when it is
     * not the live one; then the live name.
     */
    public static List<Path> list(Path log) {
        String prefix = log.getFileName() + ".";
        TreeMap<Integer, Path> rotated = new TreeMap<>(Comparator.reverseOrder());
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(log.toAbsolutePath().getParent(), prefix + "*")) {
            for (Path p : dir) {
                int n = generation(p.getFileName().toString().substring(prefix.length()));
                if (n > 0) {
                    rotated.put(n, p);
                }
            }
        } catch (IOException gone) {
            // no directory (the container went): only the live name, which readers find missing
        }
        List<Path> out = new ArrayList<>(rotated.values());
        Path kept = kept(log);
        Object keptKey = key(kept);
        if (keptKey != null && !keptKey.equals(key(log)) && out.stream().noneMatch(p -> keptKey.equals(key(p)))) {
            out.add(kept); // conmon replaced the live file at its cap, and the rotation has not taken it in yet
        }
        out.add(log);
        return out;
    }

    /**
     * The live file's second name: when conmon replaces the live file at its own cap, what it held is still here
     * until the rotation makes it the newest rotated file.
     */
    public static Path kept(Path log) {
        return log.resolveSibling(log.getFileName() + ".live");
    }

    /** The file's size now; -1 when it is gone. */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** {@code n} of a rotated file's {@code .n} suffix; 0 for any other name beside the log (such as {@code .live}). */
    private static int generation(String suffix) {
        if (suffix.isEmpty() || suffix.length() > 6 || !suffix.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Integer.parseInt(suffix);
    }

    public static Path rotated(Path log, int n) {
        return log.resolveSibling(log.getFileName() + "." + n);
    }

    /** The file's identity (device and inode), which a rename keeps; null when there is no such file. */
    static Object key(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Where {@code key} is in {@code files} now, or -1 when it is no longer among them. */
    static int indexOf(List<Path> files, Object key) {
        for (int i = 0; i < files.size(); i++) {
            if (key != null && Objects.equals(key(files.get(i)), key)) {
                return i;
            }
        }
        return -1;
    }
}
