package dev.gantry.core.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.content.Digest;
import dev.gantry.core.image.ImageConfig;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.RunConfig;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.image.LayerRecord;
import dev.gantry.core.image.Reference;
import dev.gantry.core.layer.FileTrees;
import dev.gantry.core.layer.LayerApplier;
import dev.gantry.core.layer.LayerDiffer;
import dev.gantry.core.layer.RootedTree;
import dev.gantry.core.layer.TreeArchiver;
import dev.gantry.spi.storage.StorageDriver;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A container's files from outside: {@code docker diff}, {@code export}, {@code cp} both ways and
 * {@code commit}. A running container's root is used where it is mounted; a stopped one's snapshot is mounted for
 * the operation and taken down after.
 */
public final class ContainerFilesystem {
    /** Prefix of the read-only views of images made for diffs; reconciliation drops any a crash left. */
    public static final String VIEW_PREFIX = "view-";
    private static final String LAYER = "application/vnd.docker.image.rootfs.diff.tar";

    /** What {@code X-Docker-Container-Path-Stat} says about a path. */
    public record PathStat(String name, long size, long mode, Instant mtime, String linkTarget) {
    }

    @FunctionalInterface
    public interface FsWork<T> {
        T run(Path root) throws IOException;
    }

    private final ContainerContext ctx;
    private final ImageStore images;
    private final ContainerCopy copy;

    public ContainerFilesystem(ContainerContext ctx, ImageStore images, LayerApplier applier, Tracer tracer) {
        this.ctx = ctx;
        this.images = images;
        this.copy = new ContainerCopy(ctx, images.storage(), applier, tracer);
    }

    private StorageDriver storage() {
        return images.storage();
    }

    public <T> T withRootfs(String ref, FsWork<T> work) throws IOException {
        Container c = ctx.store().resolve(ref);
        return ctx.locks().withLock(c.id(), () -> {
            try {
                Container now = ctx.store().resolve(c.id());
                Path running = ctx.paths().rootfs(now.id());
                if (now.status().alive() && RootFs.isMounted(running)) {
                    return work.run(running);
                }
                Path mnt = ctx.paths().mountPoint(now.id());
                RootFs.mount(storage().mounts(now.snapshot()), mnt);
                try {
                    return work.run(mnt);
                } finally {
                    RootFs.unmount(mnt);
                    Files.deleteIfExists(mnt);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private <T> T withImage(Container c, FsWork<T> work) throws IOException {
        return withImageRoot(images.find(c.imageId()).orElse(null), work);
    }

    /** Runs {@code work} on a read-only view of an image's filesystem (empty for a null image). */
    public <T> T withImageRoot(ImageRecord image, FsWork<T> work) throws IOException {
        Optional<String> parent = image == null || image.layers().isEmpty() ? Optional.empty()
                : Optional.of(image.layers().getLast().chainId().toString());
        String key = VIEW_PREFIX + UUID.randomUUID();
        Path mnt = ctx.paths().mountPoint(key);
        try {
            RootFs.mount(storage().view(key, parent), mnt);
            return work.run(mnt);
        } finally {
            RootFs.unmount(mnt);
            Files.deleteIfExists(mnt);
            try {
                storage().remove(key);
            } catch (RuntimeException ignored) {
                // reconciliation drops views left behind
            }
        }
    }

    public List<LayerDiffer.Change> changes(String ref) throws IOException {
        Container c = ctx.store().resolve(ref);
        return unchecked(() -> withImage(c, lower -> withRootfs(c.id(), upper -> LayerDiffer.changes(lower, upper))));
    }

    public void export(String ref, OutputStream out) throws IOException {
        Container c = ctx.store().resolve(ref);
        unchecked(() -> withRootfs(c.id(), root -> {
            TarArchiveOutputStream tar = TreeArchiver.open(out);
            // a running container may swap a directory for a link meanwhile: lookups stay in its root
            try (RootedTree tree = RootedTree.open(root); var children = Files.list(root)) {
                for (Path child : children.sorted().toList()) {
                    String name = child.getFileName().toString();
                    TreeArchiver.writeTree(tar, tree, name, name, rel -> false);
                }
            }
            tar.finish();
            ctx.events().emit(c, "export");
            return null;
        }));
    }

    /** {@code HEAD /containers/{id}/archive}: what the container sees at {@code path}, its mounts included. */
    public PathStat stat(String ref, String path) throws IOException {
        return copy.stat(ref, path);
    }

    /** {@code stat} of {@code p}, whose last component is not followed, reported under {@code name}. */
    static PathStat stat(Path p, String asked, String name) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw EngineException.notFound("Could not find the file " + asked + " in container");
        }
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        long goMode = mode & 0777;
        switch (mode & 0170000) {
            case 0040000 -> goMode |= 1L << 31;
            case 0120000 -> goMode |= 1L << 27;
            case 0010000 -> goMode |= 1L << 25;
            case 0020000 -> goMode |= (1L << 26) | (1L << 21);
            case 0060000 -> goMode |= 1L << 26;
            default -> { }
        }
        String link = Files.isSymbolicLink(p) ? Files.readSymbolicLink(p).toString() : "";
        return new PathStat(name, (Long) a.get("size"), goMode,
                ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toInstant(), link);
    }

    /** {@code GET /containers/{id}/archive}: the path (a directory with all under it) as a tar, named by its base. */
    public void archive(String ref, String path, OutputStream out) throws IOException {
        copy.archive(ref, path, out);
    }

    /** {@code PUT /containers/{id}/archive}: unpacks a tar into a directory of the container, never outside it. */
    public void extract(String ref, String path, InputStream tar, boolean copyUidGid) throws IOException {
        copy.extract(ref, path, tar, copyUidGid);
    }

    /** {@code POST /commit}: the container's changes as a new layer over its image, with its config. */
    public ImageRecord commit(String ref, Optional<Reference> tag, String comment, String author, List<String> changes,
                              JsonNode configOverride) throws IOException {
        Container c = ctx.store().resolve(ref);
        return withDiffLayer(c, (base, layers) -> {
            ImageConfig config = CommitConfig.build(c, base, layers.getLast(),
                    new CommitConfig.Request(comment, author, changes, configOverride));
            ImageRecord image = images.addImage(config, layers,
                    tag.map(List::of).orElse(List.of()), "commit");
            ctx.events().emit(c, "commit", Map.of("comment", comment == null ? "" : comment));
            return image;
        });
    }

    /** What becomes an image once the container's changes are a layer: its image and the layers with the new one. */
    @FunctionalInterface
    private interface NewImage {
        ImageRecord make(ImageRecord base, List<LayerRecord> layers) throws IOException;
    }

    /** The container's changes as a new layer over its image, under a lease so no collection takes it meanwhile. */
    private ImageRecord withDiffLayer(Container c, NewImage next) throws IOException {
        ImageRecord base = images.find(c.imageId())
                .orElseThrow(() -> EngineException.conflict("the image of " + c.id() + " is gone"));
        Path layerFile = Files.createTempFile(ctx.paths().runRoot(), "commit-", ".tar");
        try {
            return images.leased(() -> {
                unchecked(() -> withImage(c, lower -> withRootfs(c.id(), upper -> {
                    try (OutputStream out = Files.newOutputStream(layerFile)) {
                        LayerDiffer.writeLayer(upper, LayerDiffer.changes(lower, upper), out);
                    }
                    return null;
                })));
                Digest blob;
                try (InputStream in = Files.newInputStream(layerFile)) {
                    blob = images.content().write(in, Optional.empty());
                }
                Optional<LayerRecord> parent = base.layers().isEmpty() ? Optional.empty() : Optional.of(base.layers().getLast());
                List<LayerRecord> layers = new ArrayList<>(base.layers());
                layers.add(images.addLayer(parent, blob, LAYER, Optional.empty()));
                return next.make(base, layers);
            });
        } finally {
            FileTrees.deleteQuietly(layerFile);
        }
    }

    /**
     * A build step's image: the container's changes as a new layer over its image, with the builder's
     * {@code config} section and a history entry {@code createdBy}.
     */
    public ImageRecord commitStep(String ref, RunConfig config, String createdBy) throws IOException {
        Container c = ctx.store().resolve(ref);
        return withDiffLayer(c, (base, layers) -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            ImageConfig image = base.config().withCreated(now).withConfig(config)
                    .plus(new ImageConfig.History(Optional.of(now), createdBy, "", "", false), Optional.of(layers.getLast().diffId()));
            return images.addImage(image, layers, List.of(), "build");
        });
    }

    @FunctionalInterface
    private interface IoWork<T> {
        T run() throws IOException;
    }

    /** withRootfs runs under the container's lock, which carries IOExceptions unchecked; unwrap them here. */
    private static <T> T unchecked(IoWork<T> work) throws IOException {
        try {
            return work.run();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
