package dev.gantry.core.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A container's log and its rotated predecessors ({@code container.log.1} is the newest of those). */
public final class LogFiles {
    /** dockerd's json-file takes no more than this many files either. */
    private static final int MOST = 20;

    private LogFiles() {
    }

    /** The log's files, oldest first. */
    public static List<Path> list(Path log) {
        List<Path> out = new ArrayList<>();
        for (int i = MOST; i >= 1; i--) {
            Path p = rotated(log, i);
            if (Files.exists(p)) {
                out.add(p);
            }
        }
        out.add(log);
        return out;
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
