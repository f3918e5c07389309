package dev.gantry.core.builder;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The build context on disk: what .dockerignore leaves out goes, and sources get Docker-style checksums. */
final class ContextFiles {
    private ContextFiles() {
    }

    /** Deletes what the patterns exclude; directories only when nothing under them is brought back by a {@code !}. */
    static void prune(Path context, DockerIgnore ignore) throws IOException {
        List<Path> excluded = new ArrayList<>();
        Files.walkFileTree(context, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                if (d.equals(context)) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = context.relativize(d).toString();
                if (ignore.excludes(rel) && !ignore.hasExceptions()) {
                    excluded.add(d);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                if (ignore.excludes(context.relativize(f).toString())) {
                    excluded.add(f);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path p : excluded) {
            dev.gantry.core.layer.FileTrees.deleteQuietly(p);
        }
    }

    /** The text of {@code file} when it is a regular file (a FIFO or a directory there is not read). */
    static java.util.Optional<String> readRegular(java.util.Optional<Path> file) throws IOException {
        if (file.isEmpty() || !Files.isRegularFile(file.get(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        try (var in = Files.newInputStream(file.get(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * A checksum of the files under (or at) {@code source}: names, modes, owners, sizes, link targets and content,
     * so a change of any of them misses the cache, and nothing else does (times are left out, as in Docker).
     */
    static String checksum(Path source, MessageDigest md) throws IOException {
        List<Path> all = new ArrayList<>();
        if (Files.isDirectory(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (var walk = Files.walk(source)) {
                walk.sorted().forEach(all::add);
            }
        } else {
            all.add(source);
        }
        byte[] buf = new byte[65536];
        for (Path p : all) {
            String rel = source.relativize(p).toString();
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            md.update((rel + "\0" + a.get("mode") + "\0" + a.get("uid") + ":" + a.get("gid") + "\0" + a.get("size") + "\0")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (Files.isSymbolicLink(p)) {
                md.update(Files.readSymbolicLink(p).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // only regular files are read (a FIFO would block), and never through a link
                try (var in = Files.newInputStream(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        md.update(buf, 0, n);
                    }
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
