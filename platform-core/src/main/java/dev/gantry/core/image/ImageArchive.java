package dev.gantry.core.image;

import dev.gantry.core.EngineException;
import dev.gantry.core.content.ContentStore;
import dev.gantry.core.content.Digest;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker load} and {@code docker save}: docker-archive tarballs ({@code manifest.json} with config and
 * {@code layer.tar} files) and OCI image layouts ({@code index.json} and {@code blobs/}). Every file of an
 * archive is first stored in the content store by digest, so an archive is read once, in whatever order its
 * entries come; files no image names are collected afterwards.
 */
public final class ImageArchive {
    private static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";

    private final ImageStore images;
    private final EventBus events;
    private final Tracer tracer;

    public ImageArchive(ImageStore images, EventBus events, Tracer tracer) {
        this.images = images;
        this.events = events;
        this.tracer = tracer;
    }

    /** Loads every image of the archive; returns Docker's lines ({@code Loaded image: busybox:latest}). */
    public List<String> load(InputStream archive) throws IOException {
        return images.metrics().time("load", () -> loadIn(archive));
    }

    private List<String> loadIn(InputStream archive) throws IOException {
        Span span = tracer.spanBuilder("image.load").startSpan();
        try (Scope ignored = span.makeCurrent(); ImageStore.Lease lease = images.lease()) {
            Map<String, Digest> files = store(archive);
            List<String> loaded = files.containsKey("manifest.json") ? loadDocker(files) : loadOci(files);
            span.setAttribute("gantry.images", loaded.size());
            return loaded;
        } catch (IOException | RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            images.collectBlobs();
            span.end();
        }
    }

    private Map<String, Digest> store(InputStream archive) throws IOException {
        Map<String, Digest> files = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        ContentStore content = images.content();
        TarArchiveInputStream tar = new TarArchiveInputStream(archive, StandardCharsets.UTF_8.name());
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            String name = clean(e.getName());
            if (e.isFile()) {
                files.put(name, content.write(tar, Optional.empty()));
            } else if (e.isSymbolicLink()) {
                // docker save links identical layers: a/layer.tar -> ../b/layer.tar
                links.put(name, clean(Path.of(name).resolveSibling(e.getLinkName()).normalize().toString()));
            } else if (e.isLink()) {
                links.put(name, clean(e.getLinkName()));
            }
        }
        links.forEach((name, target) -> {
            if (files.containsKey(target)) {
                files.put(name, files.get(target));
            }
        });
        if (!files.containsKey("manifest.json") && !files.containsKey("index.json")) {
            throw EngineException.invalid("invalid archive: no manifest.json or index.json found");
        }
        return files;
    }

    private static String clean(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        return n;
    }

    private Digest file(Map<String, Digest> files, String name) {
        Digest d = files.get(clean(name));
        if (d == null) {
            throw EngineException.invalid("invalid archive: " + name + " is named but not included");
        }
        return d;
    }

    private List<String> loadDocker(Map<String, Digest> files) throws IOException {
        List<String> loaded = new ArrayList<>();
        for (ArchiveManifests.DockerEntry entry : ArchiveManifests.dockerManifest(images.content().read(files.get("manifest.json")))) {
            byte[] config = images.content().read(file(files, entry.config()));
            List<Digest> blobs = new ArrayList<>();
            for (String layer : entry.layers()) {
                blobs.add(file(files, layer));
            }
            List<Reference> refs = new ArrayList<>();
            for (String tag : entry.repoTags()) {
                refs.add(Reference.parse(tag));
            }
            loaded.addAll(addImage(config, blobs, DOCKER_LAYER, refs));
        }
        return loaded;
    }

    private List<String> loadOci(Map<String, Digest> files) throws IOException {
        List<String> loaded = new ArrayList<>();
        for (ArchiveManifests.OciDescriptor desc : ArchiveManifests.ociIndex(images.content().read(files.get("index.json")))) {
            ArchiveManifests.OciManifest manifest = ArchiveManifests.ociManifest(images.content().read(blob(files, desc.digest())));
            if (manifest.nestedIndex()) {
                throw EngineException.invalid("nested image indexes in an OCI layout are not supported");
            }
            byte[] config = images.content().read(blob(files, manifest.config()));
            List<Digest> blobs = new ArrayList<>();
            for (String layer : manifest.layers()) {
                blobs.add(blob(files, layer));
            }
            List<Reference> refs = new ArrayList<>();
            String name = desc.name();
            if (name.contains(":") || name.contains("/")) {
                refs.add(Reference.parse(name));
            }
            String mediaType = manifest.layerMediaType().orElse(DOCKER_LAYER);
            loaded.addAll(addImage(config, blobs, mediaType, refs));
        }
        return loaded;
    }

    private Digest blob(Map<String, Digest> files, String digest) {
        Digest d = Digest.parse(digest);
        return file(files, "blobs/sha256/" + d.hex());
    }

    private List<String> addImage(byte[] config, List<Digest> blobs, String mediaType, List<Reference> refs)
            throws IOException {
        List<Digest> diffIds = ImageConfigCodec.decode(config).diffIds();
        if (diffIds.size() != blobs.size()) {
            throw EngineException.invalid("invalid archive: the config lists " + diffIds.size() + " layers, the manifest "
                    + blobs.size());
        }
        Optional<LayerRecord> parent = Optional.empty();
        List<LayerRecord> layers = new ArrayList<>();
        List<LayerRecord> made = new ArrayList<>();
        ImageRecord image;
        try {
            for (int i = 0; i < blobs.size(); i++) {
                Digest diffId = diffIds.get(i);
                boolean known = images.layer(LayerRecord.chain(parent.map(LayerRecord::chainId), diffId)).isPresent();
                LayerRecord l = images.addLayer(parent, blobs.get(i), mediaType, Optional.of(diffId));
                if (!known) {
                    made.add(l);
                }
                layers.add(l);
                parent = Optional.of(l);
            }
            image = images.addImage(config, layers, refs, "load");
        } catch (IOException | RuntimeException e) {
            // nothing half-loaded: the layers this image brought go with it
            images.discardLayers(made);
            throw e;
        }
        if (refs.isEmpty()) {
            return List.of("Loaded image ID: " + image.id());
        }
        return refs.stream().map(r -> "Loaded image: " + r.familiar()).toList();
    }

    /**
     * Writes the named images as one docker-archive: {@code <config hex>.json}, {@code <diffID hex>/layer.tar},
     * {@code manifest.json} and {@code repositories}, layers shared between images written once.
     */
    public void save(List<String> names, OutputStream out) throws IOException {
        images.metrics().time("save", () -> {
            saveIn(names, out);
            return null;
        });
    }

    private void saveIn(List<String> names, OutputStream out) throws IOException {
        Span span = tracer.spanBuilder("image.save").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Map<Digest, ImageRecord> chosen = new LinkedHashMap<>();
            Map<Digest, List<Reference>> tags = new LinkedHashMap<>();
            for (String name : names) {
                ImageRecord image = images.resolve(name);
                chosen.put(image.id(), image);
                List<Reference> refTags = tags.computeIfAbsent(image.id(), k -> new ArrayList<>());
                Optional<Reference> named = namedRef(name, image);
                if (named.isPresent()) {
                    refTags.add(named.get());
                } else if (!Digest.isDigest(name) && !name.matches("[0-9a-f]{1,64}")) {
                    refTags.addAll(image.refs().stream().filter(r -> r.tag().isPresent()).toList());
                }
            }
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Set<Digest> written = new LinkedHashSet<>();
            List<ArchiveManifests.DockerEntry> manifest = new ArrayList<>();
            Map<String, Map<String, String>> repositories = new LinkedHashMap<>();
            for (ImageRecord image : chosen.values()) {
                List<String> repoTags = new ArrayList<>();
                for (Reference r : tags.get(image.id())) {
                    repoTags.add(r.familiar());
                    Map<String, String> repo = repositories.computeIfAbsent(r.familiarRepository(), k -> new LinkedHashMap<>());
                    if (!image.layers().isEmpty()) {
                        repo.put(r.tag().orElse("latest"), image.layers().get(image.layers().size() - 1).diffId().hex());
                    }
                }
                List<String> layers = new ArrayList<>();
                for (LayerRecord l : image.layers()) {
                    String name = l.diffId().hex() + "/layer.tar";
                    layers.add(name);
                    if (written.add(l.diffId())) {
                        writeLayer(tar, l, name);
                    }
                }
                manifest.add(new ArchiveManifests.DockerEntry(image.id().hex() + ".json", layers, repoTags));
                writeBytes(tar, image.id().hex() + ".json", images.content().read(image.id()));
                events.publish(Event.now("image", "save", image.id().toString(), Map.of("name", image.id().toString())));
            }
            writeBytes(tar, "manifest.json", ArchiveManifests.dockerManifest(manifest));
            writeBytes(tar, "repositories", ArchiveManifests.repositories(repositories));
            tar.finish();
            tar.flush();
        } finally {
            span.end();
        }
    }

    private static Optional<Reference> namedRef(String name, ImageRecord image) {
        try {
            String full = Reference.parse(name).toString();
            return image.refs().stream().filter(r -> r.toString().equals(full) && r.tag().isPresent()).findFirst();
        } catch (IllegalArgumentException | EngineException e) {
            return Optional.empty();
        }
    }

    private void writeLayer(TarArchiveOutputStream tar, LayerRecord l, String name) throws IOException {
        // the size must be known before the entry: spool the uncompressed tar to a temporary file
        Path spool = Files.createTempFile("gantry-save-", ".tar");
        try {
            try (InputStream in = images.layerTar(l); OutputStream o = Files.newOutputStream(spool)) {
                in.transferTo(o);
            }
            TarArchiveEntry dir = new TarArchiveEntry(l.diffId().hex() + "/");
            dir.setModTime(0);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(Files.size(spool));
            e.setModTime(0);
            tar.putArchiveEntry(e);
            Files.copy(spool, tar);
            tar.closeArchiveEntry();
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static void writeBytes(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        new ByteArrayInputStream(data).transferTo(tar);
        tar.closeArchiveEntry();
    }
}
