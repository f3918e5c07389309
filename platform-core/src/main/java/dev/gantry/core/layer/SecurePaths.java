package dev.gantry.core.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves paths inside a root as if the root were {@code /}: symbolic links are followed, but an absolute
 * target means the root, and {@code ..} never climbs above it. What comes back is always under the root, so an
 * archive cannot reach outside its target through links it or an earlier layer made.
 */
public final class SecurePaths {
    private static final int MAX_LINKS = 40;

    private SecurePaths() {
    }

    /**
     * Resolves every component of {@code relative} (a path inside the root, already checked to have no
     * {@code ..}) except the last, following links within the root; returns the real parent directory joined
     * with the last component, which is not followed.
     */
    public static Path parentResolved(Path root, String relative) throws IOException {
        int slash = relative.lastIndexOf('/');
        String parent = slash < 0 ? "" : relative.substring(0, slash);
        String last = slash < 0 ? relative : relative.substring(slash + 1);
        return resolve(root, parent).resolve(last);
    }

    /** Resolves every component of {@code relative}, following links within the root. */
    public static Path resolve(Path root, String relative) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, relative);
        Deque<String> done = new ArrayDeque<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            Path candidate = join(root, done).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many levels of symbolic links in " + relative);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
            } else {
                done.addLast(part);
            }
        }
        return join(root, done);
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    private static Path join(Path root, Deque<String> parts) {
        Path p = root;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }

    /** True when {@code p} exists as a directory, not following a final link. */
    static boolean isRealDirectory(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }
}
