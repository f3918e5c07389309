package dev.gantry.core.builder;

import dev.gantry.core.container.CreateRequest;
import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.container.UserLookup;
import dev.gantry.core.content.Digest;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.layer.SecurePaths;
import dev.gantry.core.layer.TreeArchiver;
import dev.gantry.spi.storage.DeletionStyle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * COPY and ADD with Docker's rules: sources from the context (or {@code --from} a stage or an image), wildcards,
 * a directory's contents copied into the destination, a destination ending in {@code /} (or several sources)
 * is a directory, relative destinations under WORKDIR, files owned by root unless {@code --chown},
 * {@code --chmod}; ADD also unpacks local tar archives and fetches URLs. The files go in as a tar applied in a
 * container's root (the one extraction code, which never writes outside it), and the container's diff is the
 * step's layer.
 */
final class Copier {
    private final ImageBuilder.Run run;
    private final Stage stage;
    private final Instruction instruction;
    private final boolean add;
    private final List<String> sources;
    private final String dest;

    Copier(ImageBuilder.Run run, Stage stage, Instruction i, String expandedArgs) {
        this.run = run;
        this.stage = stage;
        this.instruction = i;
        this.add = i.keyword().equals("ADD");
        List<String> words = i.json().orElseGet(() -> Words.split(expandedArgs, run.escape()));
        if (words.size() < 2) {
            throw new DockerfileParser.ParseError(i.line(), i.keyword() + " requires at least two arguments");
        }
        this.sources = words.subList(0, words.size() - 1);
        this.dest = words.getLast();
    }

    void run() throws IOException {
        String from = instruction.flag("from", "");
        if (!from.isEmpty()) {
            Optional<Stage> s = run.stage(from, stage.index);
            ImageRecord image = s.map(st -> st.image.orElseGet(() -> run.emptyImage(st))).orElseGet(() -> run.image(from));
            run.filesystem().withImageRoot(image, root -> {
                copy(root, "image:" + image.id().hex());
                return null;
            });
        } else {
            copy(run.context(), "");
        }
    }

    /** A source resolved: where it is and the name it had (for the file name in a directory destination). */
    private record Source(Path path, String name, boolean archive) {
    }

    private void copy(Path rootDir, String origin) throws IOException {
        List<Source> found = new ArrayList<>();
        try (RootLookup root = RootLookup.open(rootDir)) {
            copy(root, origin, found);
        }
    }

    private void copy(RootLookup root, String origin, List<Source> found) throws IOException {
        StringBuilder hashes = new StringBuilder(origin);
        int urls = 0;
        for (String src : sources) {
            if (instruction.heredocs().stream().anyMatch(h -> src.matches("<<-?['\"]?" + h.delimiter() + "['\"]?"))) {
                Instruction.Heredoc h = instruction.heredocs().stream()
                        .filter(d -> src.matches("<<-?['\"]?" + d.delimiter() + "['\"]?")).findFirst().orElseThrow();
                Path file = run.scratchDir().resolve("heredoc-" + found.size());
                String body = h.expand() ? Variables.expand(h.body(), stage.variables(), run.escape(), instruction.line()) : h.body();
                Files.writeString(file, body);
                found.add(new Source(file, h.delimiter(), false));
            } else if (add && (src.startsWith("http://") || src.startsWith("https://"))) {
                Path file = fetch(src, run.scratchDir().resolve("url-" + urls++));
                String name = URI.create(src).getPath();
                name = name.substring(name.lastIndexOf('/') + 1);
                found.add(new Source(file, name.isEmpty() ? "download" : name, false));
                hashes.append(' ').append(src);
            } else {
                found.addAll(expand(root, src));
            }
        }
        boolean many = found.size() > 1 || sources.stream().anyMatch(Copier::wildcard);
        if (many && !dest.endsWith("/")) {
            throw new BuildFailure("When using " + instruction.keyword() + " with more than one source file, the destination must be a directory and end with a /");
        }
        for (Source s : found) {
            hashes.append('\n').append(s.name()).append(' ')
                    .append(ContextFiles.checksum(s.path(), Digest.sha256()));
        }
        String hash = HexFormat.of().formatHex(Digest.sha256().digest(hashes.toString().getBytes(StandardCharsets.UTF_8)));
        boolean dir = found.size() == 1 && Files.isDirectory(found.getFirst().path(), LinkOption.NOFOLLOW_LINKS);
        String chown = instruction.flag("chown", "");
        String chmod = instruction.flag("chmod", "");
        String absolute = dest.startsWith("/") ? dest : (stage.workdir().endsWith("/") ? stage.workdir() : stage.workdir() + "/") + dest;
        String createdBy = ImageBuilder.NOP + instruction.keyword() + (chown.isEmpty() ? "" : " --chown=" + chown)
                + (chmod.isEmpty() ? "" : " --chmod=" + chmod) + " " + (dir ? "dir" : "file") + ":" + hash + " in " + absolute + " ";
        run.cached(stage, createdBy, stage.config, () -> {
            ImageRecord base = stage.image.orElseGet(() -> run.emptyImage(stage));
            var request = new CreateRequest("", RunStep.config(base, List.of("true"), null, null),
                    HostConfig.empty(), Map.of());
            return run.inContainer(request, id -> {
                run.filesystem().withRootfs(id, target -> {
                    place(target.toRealPath(), found, absolute, chown, chmod);
                    return null;
                });
                return run.filesystem().commitStep(id, stage.config, createdBy);
            });
        });
    }

    private void place(Path target, List<Source> found, String absolute, String chown, String chmod) throws IOException {
        int uid = 0;
        int gid = 0;
        if (!chown.isEmpty()) {
            UserLookup.Resolved r = UserLookup.resolve(target, chown, List.of());
            uid = (int) r.uid();
            gid = (int) r.gid();
        }
        Integer mode = chmod.isEmpty() ? null : Integer.parseInt(chmod, 8);
        String rel = absolute.replaceAll("^/+", "");
        Path existing = rel.isEmpty() ? target : SecurePaths.resolve(target, rel);
        boolean intoDir = absolute.endsWith("/") || found.size() > 1 || Files.isDirectory(existing);
        Path tarFile = run.scratchDir().resolve("copy-" + System.nanoTime() + ".tar");
        List<Source> archives = new ArrayList<>();
        try (OutputStream os = Files.newOutputStream(tarFile); TarArchiveOutputStream tar = new TarArchiveOutputStream(os)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            String base = rel.replaceAll("/+$", "");
            for (Source s : found) {
                if (add && Files.isRegularFile(s.path(), LinkOption.NOFOLLOW_LINKS) && isArchive(s.path())) {
                    archives.add(s);
                } else if (Files.isDirectory(s.path(), LinkOption.NOFOLLOW_LINKS)) {
                    if (!base.isEmpty()) {
                        entry(tar, s.path(), base, uid, gid, mode);
                    }
                    try (var walk = Files.walk(s.path())) {
                        for (Path p : walk.sorted().toList()) {
                            if (!p.equals(s.path())) {
                                String name = (base.isEmpty() ? "" : base + "/") + s.path().relativize(p);
                                entry(tar, p, name, uid, gid, mode);
                            }
                        }
                    }
                } else {
                    String name = intoDir ? (base.isEmpty() ? "" : base + "/") + s.name() : base;
                    entry(tar, s.path(), name, uid, gid, mode);
                }
            }
        }
        try (InputStream in = Files.newInputStream(tarFile)) {
            run.applier().files().apply(in, target, DeletionStyle.COPY, Optional.empty());
        }
        for (Source a : archives) {
            Path into = SecurePaths.resolve(target, rel.isEmpty() ? "." : rel);
            Files.createDirectories(into);
            try (InputStream in = Files.newInputStream(a.path(), LinkOption.NOFOLLOW_LINKS)) {
                run.applier().files().apply(in, into.toRealPath(), DeletionStyle.COPY,
                        chown.isEmpty() ? Optional.empty() : Optional.of(new int[] {uid, gid}));
            }
        }
    }

    private static void entry(TarArchiveOutputStream tar, Path p, String name, int uid, int gid, Integer mode) throws IOException {
        // links go in as links and FIFOs as FIFOs: nothing but a regular file is ever opened
        TreeArchiver.writeEntry(tar, p, name, new int[] {uid, gid}, mode);
    }

    /**
     * The sources {@code src} names, each looked up inside the root as Docker does (a named link is followed, in
     * the root); a wildcard matches the root's names as they are, without following links on the way.
     */
    private List<Source> expand(RootLookup root, String src) throws IOException {
        String clean = DockerIgnore.clean(src);
        if (!wildcard(clean)) {
            Path p = root.resolve(clean).orElseThrow(() -> notFound(src));
            String name = clean.isEmpty() ? "" : clean.substring(clean.lastIndexOf('/') + 1);
            return List.of(new Source(p, name, false));
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + clean);
        List<Source> out = new ArrayList<>();
        int depth = clean.split("/").length;
        try (var walk = Files.walk(root.root(), depth)) {
            for (Path p : walk.sorted().toList()) {
                Path rel = root.root().relativize(p);
                if (!p.equals(root.root()) && m.matches(rel)) {
                    out.add(new Source(root.resolve(rel.toString()).orElseThrow(() -> notFound(rel.toString())),
                            p.getFileName().toString(), false));
                }
            }
        }
        if (out.isEmpty()) {
            throw notFound(src);
        }
        return out;
    }

    private BuildFailure notFound(String src) {
        return new BuildFailure(instruction.keyword() + " failed: file not found in build context or excluded by .dockerignore: stat "
                + src + ": file does not exist");
    }

    private static boolean wildcard(String s) {
        return s.contains("*") || s.contains("?") || s.contains("[");
    }

    /** What ADD unpacks: tar archives, plain or compressed (gzip, zstd), recognised by content as Docker does. */
    private static boolean isArchive(Path p) throws IOException {
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return true;
        }
        if (n >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd) {
            return true;
        }
        return n >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    private static Path fetch(String url, Path to) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build()) {
            HttpResponse<Path> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofFile(to));
            if (r.statusCode() / 100 != 2) {
                throw new BuildFailure("ADD failed: " + url + " answered " + r.statusCode());
            }
            return to;
        } catch (IOException e) {
            throw new BuildFailure("ADD failed: cannot fetch " + url + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailure("ADD failed: interrupted fetching " + url);
        }
    }
}
