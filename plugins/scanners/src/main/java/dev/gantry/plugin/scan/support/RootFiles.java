package dev.gantry.plugin.scan.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Files of an image's root, read as an attacker wrote them: paths resolve inside the root (a link is followed
 * against the root, as the image would see it, with a bounded number of hops), only regular files are opened
 * (never a FIFO or a device), with {@code O_NOFOLLOW}, and reads stop at a size cap.
 */
public final class RootFiles {
    private static final int MAX_HOPS = 40;
    private final Path root;

    public RootFiles(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Thrown for a file over its cap; the scan goes on without it. */
    public static final class TooLarge extends IOException {
        public TooLarge(String path, long cap) {
            super(path + " is larger than " + cap + " bytes");
        }
    }

    /**
     * The regular file at {@code path} (absolute in the image), resolving links inside the root; empty when it
     * is missing, is not a regular file, or its links go round.
     */
    public Optional<Path> regular(String path) {
        return resolve(path).filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** The directory at {@code path}, as {@link #regular} resolves. */
    public Optional<Path> directory(String path) {
        return resolve(path).filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** Resolves {@code path} as the image would, staying in the root; empty when links go round. */
    public Optional<Path> resolve(String path) {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, path);
        Deque<String> done = new ArrayDeque<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                done.pollLast();
                continue;
            }
            Path here = at(done).resolve(c);
            if (Files.isSymbolicLink(here)) {
                if (++hops > MAX_HOPS) {
                    return Optional.empty();
                }
                String target;
                try {
                    target = Files.readSymbolicLink(here).toString();
                } catch (IOException e) {
                    return Optional.empty();
                }
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
                continue;
            }
            done.addLast(c);
        }
        return Optional.of(at(done));
    }

    private Path at(Deque<String> parts) {
        Path p = root;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    /** The image path of a file under the root, absolute. */
    public String imagePath(Path file) {
        return "/" + root.relativize(file).toString();
    }

    /** Reads a regular file whole, refusing one over {@code cap} bytes. */
    public static byte[] read(Path file, long cap) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new IOException(file + " is not a regular file");
        }
        if (a.size() > cap) {
            throw new TooLarge(file.toString(), cap);
        }
        try (InputStream in = open(file)) {
            byte[] b = in.readNBytes((int) cap + 1);
            if (b.length > cap) {
                throw new TooLarge(file.toString(), cap);
            }
            return b;
        }
    }

    /** Opens a regular file without following a link in its last component. */
    public static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file");
        }
        return Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    /** Sees each regular file of a walk; returns false to stop the walk. */
    @FunctionalInterface
    public interface FileVisitor {
        boolean visit(Path file, BasicFileAttributes attrs) throws IOException;
    }

    /**
     * Walks the tree under {@code start} without following links, to {@code maxDepth} levels and
     * {@code maxEntries} entries; returns false when a cap stopped it.
     */
    public static boolean walk(Path start, int maxDepth, long maxEntries, FileVisitor visitor) throws IOException {
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        boolean[] whole = {true};
        long[] seen = {0};
        Files.walkFileTree(start, java.util.Set.of(), maxDepth, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return count();
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                FileVisitResult r = count();
                if (r == FileVisitResult.CONTINUE && attrs.isRegularFile() && !visitor.visit(file, attrs)) {
                    whole[0] = false;
                    return FileVisitResult.TERMINATE;
                }
                return r;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }

            private FileVisitResult count() {
                if (++seen[0] > maxEntries) {
                    whole[0] = false;
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return whole[0];
    }
}
