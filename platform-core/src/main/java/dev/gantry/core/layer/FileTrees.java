package dev.gantry.core.layer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Removal of whole trees without ever following a symbolic link out of them. */
public final class FileTrees {
    private FileTrees() {
    }

    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(root);
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Removes {@code target} and all under it through descriptors of its parent and each directory below
     * ({@code openat}/{@code unlinkat}, the JDK's {@link SecureDirectoryStream}): a directory swapped for a link
     * while this runs is removed as a link, never followed. The parent path must be trusted (or pinned,
     * {@code /proc/self/fd/N}).
     */
    public static void deleteBeneath(Path target) throws IOException {
        try (DirectoryStream<Path> parent = Files.newDirectoryStream(target.getParent())) {
            if (!(parent instanceof SecureDirectoryStream<Path> secure)) {
                throw new IOException("no descriptor-relative file operations on this platform");
            }
            deleteIn(secure, target.getFileName());
        }
    }

    private static void deleteIn(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        BasicFileAttributes a;
        try {
            a = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        } catch (NoSuchFileException gone) {
            return;
        }
        if (a.isDirectory()) {
            try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                List<Path> children = new ArrayList<>();
                sub.forEach(c -> children.add(c.getFileName()));
                for (Path c : children) {
                    deleteIn(sub, c);
                }
            }
            dir.deleteDirectory(name);
        } else {
            dir.deleteFile(name);
        }
    }

    /** Best-effort removal, for cleanup paths where a leftover is better than a second failure. */
    public static void deleteQuietly(Path root) {
        try {
            delete(root);
        } catch (IOException ignored) {
            // left for the next reconciliation
        }
    }
}
