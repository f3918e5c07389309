package dev.gantry.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.content.ContentStore;
import dev.gantry.core.content.Digest;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.layer.LayerApplier;
import dev.gantry.core.state.StateStore;
import dev.gantry.plugin.storage.vfs.VfsDriver;
import dev.gantry.spi.plugin.PluginContext;
import dev.gantry.spi.storage.Mount;
import dev.gantry.spi.storage.StorageDriver;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image store on the real vfs driver, with archives built here. */
class ImageStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path root;
    Engine engine;

    /** One data root's worth of stores, as the server wires them. */
    record Engine(StateStore state, ImageStore images, ImageArchive archive, StorageDriver vfs) implements AutoCloseable {
        static Engine open(Path root, StorageDriver vfs) throws IOException {
            vfs.init(new PluginContext(Files.createDirectories(root.resolve("vfs")), Files.createDirectories(root.resolve("run")), Map.of()));
            StateStore state = StateStore.open(root);
            EventBus events = new EventBus(100);
            var tracer = OpenTelemetry.noop().getTracer("test");
            ImageStore images = new ImageStore(ContentStore.open(root.resolve("content")), state, vfs, events, tracer,
                    new LayerApplier(LayerApplier.Limits.DEFAULT), ImageMetrics.none());
            images.reconcile();
            return new Engine(state, images, new ImageArchive(images, events, tracer), vfs);
        }

        @Override
        public void close() {
            state.close();
        }
    }

    /** The storage plugin under the store; the overlay variant of this test swaps it. */
    protected StorageDriver newDriver() {
        return new VfsDriver();
    }

    private final List<Path> mounted = new java.util.ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        engine = Engine.open(root.resolve("a"), newDriver());
    }

    @AfterEach
    void unmount() throws Exception {
        for (Path p : mounted) {
            new ProcessBuilder("umount", p.toString()).inheritIO().start().waitFor();
        }
    }

    @AfterEach
    void close() {
        engine.close();
    }

    static byte[] layer(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                byte[] data = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(data.length);
                e.setModTime(0);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A docker-archive with one image of the given layers, tagged {@code tag}. */
    static byte[] archive(String tag, List<byte[]> layers, List<String> diffIdsOverride) throws IOException {
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        config.putObject("config").putArray("Cmd").add("sh");
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        ArrayNode history = config.putArray("history");
        for (int i = 0; i < layers.size(); i++) {
            diffIds.add(diffIdsOverride.isEmpty() ? Digest.of(layers.get(i)).toString() : diffIdsOverride.get(i));
            history.addObject().put("created_by", "layer " + i);
        }
        byte[] configBytes = JSON.writeValueAsBytes(config);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            ArrayNode manifest = JSON.createArrayNode();
            ObjectNode m = manifest.addObject().put("Config", Digest.of(configBytes).hex() + ".json");
            m.putArray("RepoTags").add(tag);
            ArrayNode ls = m.putArray("Layers");
            for (int i = 0; i < layers.size(); i++) {
                ls.add("l" + i + "/layer.tar");
                put(tar, "l" + i + "/layer.tar", layers.get(i));
            }
            put(tar, Digest.of(configBytes).hex() + ".json", configBytes);
            put(tar, "manifest.json", JSON.writeValueAsBytes(manifest));
        }
        return bytes.toByteArray();
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    /** Mounts a read-only view of the image's top layer, as a container's root would see it. */
    private Path rootfsOf(ImageRecord image) throws IOException {
        List<Mount> view = engine.vfs().view("view-" + image.id().hex(), Optional.of(image.layers().get(image.layers().size() - 1).chainId().toString()));
        Path target = Files.createDirectories(root.resolve("mnt-" + image.id().hex()));
        Mount m = view.get(0);
        List<String> cmd = m.type().equals("bind")
                ? List.of("mount", "-o", String.join(",", m.options()), m.source(), target.toString())
                : List.of("mount", "-t", m.type(), "-o", String.join(",", m.options()), m.source(), target.toString());
        try {
            if (new ProcessBuilder(cmd).inheritIO().start().waitFor() != 0) {
                throw new IOException("mount failed: " + cmd);
            }
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        mounted.add(target);
        return target;
    }

    @Test
    void loadsLayersInOrderAndListsTheImage() throws IOException {
        byte[] l1 = layer(Map.of("etc/a", "1", "etc/b", "2"));
        byte[] l2 = layer(Map.of("etc/.wh.b", "", "etc/c", "3"));
        List<String> out = engine.archive().load(new ByteArrayInputStream(archive("app:1", List.of(l1, l2), List.of())));
        assertEquals(List.of("Loaded image: app:1"), out);
        ImageRecord image = engine.images().resolve("app:1");
        assertEquals(2, image.layers().size());
        assertEquals(List.of("app:1"), image.repoTags());
        Path rootfs = rootfsOf(image);
        assertEquals("1", Files.readString(rootfs.resolve("etc/a")));
        assertFalse(Files.exists(rootfs.resolve("etc/b")));
        assertEquals("3", Files.readString(rootfs.resolve("etc/c")));
        assertEquals(image.id(), engine.images().resolve(image.id().hex().substring(0, 8)).id());
    }

    @Test
    void loadsOciLayoutArchives() throws IOException {
        byte[] layer = layer(Map.of("oci", "yes"));
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        config.putObject("config");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(Digest.of(layer).toString());
        byte[] configBytes = JSON.writeValueAsBytes(config);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", Digest.of(configBytes).toString()).put("size", configBytes.length);
        manifest.putArray("layers").addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar")
                .put("digest", Digest.of(layer).toString()).put("size", layer.length);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", Digest.of(manifestBytes).toString()).put("size", manifestBytes.length)
                .putObject("annotations").put("io.containerd.image.name", "docker.io/library/oci:1");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            put(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            for (byte[] blob : List.of(layer, configBytes, manifestBytes)) {
                put(tar, "blobs/sha256/" + Digest.of(blob).hex(), blob);
            }
            put(tar, "index.json", JSON.writeValueAsBytes(index));
        }
        assertEquals(List.of("Loaded image: oci:1"), engine.archive().load(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(Digest.of(configBytes), engine.images().resolve("oci:1").id());
    }

    @Test
    void saveThenLoadElsewhereKeepsTheId() throws IOException {
        engine.archive().load(new ByteArrayInputStream(archive("app:1", List.of(layer(Map.of("x", "y"))), List.of())));
        Digest id = engine.images().resolve("app:1").id();
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        engine.archive().save(List.of("app:1"), saved);
        try (Engine other = Engine.open(root.resolve("b"), newDriver())) {
            other.archive().load(new ByteArrayInputStream(saved.toByteArray()));
            assertEquals(id, other.images().resolve("app:1").id());
        }
    }

    @Test
    void aLoadThatFailsAtItsSecondLayerLeavesNotItsFirst() throws IOException {
        byte[] l1 = layer(Map.of("a", "1"));
        byte[] l2 = layer(Map.of("b", "2"));
        String lie = Digest.of("something else".getBytes(StandardCharsets.UTF_8)).toString();
        assertThrows(IOException.class, () -> engine.archive().load(new ByteArrayInputStream(
                archive("half:1", List.of(l1, l2), List.of(Digest.of(l1).toString(), lie)))));
        assertTrue(engine.images().list().isEmpty());
        assertEquals(0, engine.images().layerCount(), "the first layer of the failed load was kept");
        List<String> snapshots = new java.util.ArrayList<>();
        engine.vfs().walk(s -> snapshots.add(s.key()));
        assertTrue(snapshots.isEmpty(), snapshots.toString());
        assertTrue(engine.images().content().all().isEmpty(), "blobs of the failed load were kept");
    }

    @Test
    void aFailedLoadKeepsTheLayersOthersHad() throws IOException {
        byte[] base = layer(Map.of("base", "b"));
        engine.archive().load(new ByteArrayInputStream(archive("one:1", List.of(base), List.of())));
        String lie = Digest.of("something else".getBytes(StandardCharsets.UTF_8)).toString();
        assertThrows(IOException.class, () -> engine.archive().load(new ByteArrayInputStream(
                archive("half:1", List.of(base, layer(Map.of("b", "2"))), List.of(Digest.of(base).toString(), lie)))));
        assertEquals(1, engine.images().layerCount());
        assertEquals(1, engine.images().list().size());
    }

    @Test
    void aLayerThatIsNotWhatTheConfigSaysIsRefusedAndLeavesNothing() throws IOException {
        byte[] l1 = layer(Map.of("a", "1"));
        String lie = Digest.of("something else".getBytes(StandardCharsets.UTF_8)).toString();
        assertThrows(IOException.class,
                () -> engine.archive().load(new ByteArrayInputStream(archive("bad:1", List.of(l1), List.of(lie)))));
        assertTrue(engine.images().list().isEmpty());
        assertEquals(0, engine.images().layerCount());
        List<String> snapshots = new java.util.ArrayList<>();
        engine.vfs().walk(s -> snapshots.add(s.key()));
        assertTrue(snapshots.isEmpty(), snapshots.toString());
        assertTrue(engine.images().content().all().isEmpty(), "blobs of the failed load were kept");
    }

    @Test
    void tagUntagAndRemove() throws IOException {
        engine.archive().load(new ByteArrayInputStream(archive("app:1", List.of(layer(Map.of("x", "y"))), List.of())));
        engine.images().tag("app:1", Reference.parse("app:2"));
        ImageRecord image = engine.images().resolve("app:2");
        assertEquals(List.of("app:1", "app:2"), image.repoTags());
        var conflict = assertThrows(ImageConflictException.class, () -> engine.images().remove(image.id().toString(), false, false));
        assertTrue(conflict.getMessage().contains("must be forced"));
        assertEquals(List.of(Map.of("Untagged", "app:1")), engine.images().remove("app:1", false, false));
        var report = engine.images().remove("app:2", false, false);
        assertTrue(report.contains(Map.of("Deleted", image.id().toString())), report.toString());
        assertTrue(engine.images().list().isEmpty());
        assertEquals(0, engine.images().layerCount());
        assertTrue(engine.images().content().all().isEmpty());
        assertThrows(ImageNotFoundException.class, () -> engine.images().resolve("app:2"));
    }

    @Test
    void sharedLayersStayUntilTheLastImageGoes() throws IOException {
        byte[] base = layer(Map.of("base", "b"));
        engine.archive().load(new ByteArrayInputStream(archive("one:1", List.of(base), List.of())));
        engine.archive().load(new ByteArrayInputStream(archive("two:1", List.of(base, layer(Map.of("top", "t"))), List.of())));
        assertEquals(2, engine.images().layerCount());
        engine.images().remove("one:1", false, false);
        assertEquals(2, engine.images().layerCount());
        engine.images().remove("two:1", false, false);
        assertEquals(0, engine.images().layerCount());
    }

    @Test
    void pruneRemovesDanglingImages() throws IOException {
        engine.archive().load(new ByteArrayInputStream(archive("app:1", List.of(layer(Map.of("v", "1"))), List.of())));
        engine.archive().load(new ByteArrayInputStream(archive("app:1", List.of(layer(Map.of("v", "2"))), List.of())));
        assertEquals(2, engine.images().list().size());
        var report = engine.images().prune(true);
        assertEquals(1, engine.images().list().size());
        assertTrue(report.deleted().stream().anyMatch(m -> m.containsKey("Deleted")));
    }

    @Test
    void reconcileDropsWhatACrashLeft() throws IOException {
        engine.archive().load(new ByteArrayInputStream(archive("app:1", List.of(layer(Map.of("v", "1"))), List.of())));
        engine.vfs().prepare("extract-crashed", Optional.empty());
        Files.writeString(root.resolve("a/content/tmp/blob-x.part"), "half");
        engine.close();
        engine = Engine.open(root.resolve("a"), newDriver());
        List<String> snapshots = new java.util.ArrayList<>();
        engine.vfs().walk(s -> snapshots.add(s.key()));
        assertFalse(snapshots.contains("extract-crashed"));
        assertEquals(1, engine.images().list().size());
        assertEquals(0, engine.images().content().pendingWrites());
    }
}
