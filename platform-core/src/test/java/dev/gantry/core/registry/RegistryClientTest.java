package dev.gantry.core.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import dev.gantry.core.content.ContentStore;
import dev.gantry.core.content.Digest;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.image.ImageMetrics;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.image.LayerRecord;
import dev.gantry.core.image.Reference;
import dev.gantry.core.layer.LayerApplier;
import dev.gantry.core.state.StateStore;
import dev.gantry.plugin.storage.vfs.VfsDriver;
import dev.gantry.spi.plugin.PluginContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry client against a fake registry: bearer tokens, indexes, zstd layers, chunked uploads. */
class RegistryClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path root;
    FakeRegistry registry;
    StateStore state;
    ImageStore images;
    VfsDriver vfs;
    ExecutorService transfers;
    ImagePuller puller;
    ImagePusher pusher;
    RegistryClient client;
    byte[] layerTar;

    @BeforeEach
    void start() throws IOException {
        registry = new FakeRegistry();
        vfs = new VfsDriver();
        vfs.init(new PluginContext(Files.createDirectories(root.resolve("vfs")), Files.createDirectories(root.resolve("run")), Map.of()));
        state = StateStore.open(root);
        EventBus events = new EventBus(100);
        Tracer tracer = OpenTelemetry.noop().getTracer("test");
        images = new ImageStore(ContentStore.open(root.resolve("content")), state, vfs, events, tracer,
                new LayerApplier(LayerApplier.Limits.DEFAULT), ImageMetrics.none());
        transfers = Executors.newFixedThreadPool(3);
        client = new RegistryClient(Set.of(), root.resolve("no-credentials.json"));
        puller = new ImagePuller(client, images, transfers, tracer);
        pusher = new ImagePusher(client, images, transfers, events, tracer, 1024);
        publishIndexedImage();
    }

    @AfterEach
    void stop() {
        transfers.shutdownNow();
        state.close();
        registry.close();
    }

    private static Credentials alice() {
        return new Credentials(FakeRegistry.USER, FakeRegistry.PASSWORD, "");
    }

    /** lib/app:1, an OCI index whose amd64 image has one zstd layer with a 4 KiB file. */
    private void publishIndexedImage() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        byte[] data = new byte[4096];
        new Random(7).nextBytes(data);
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(tar)) {
            TarArchiveEntry e = new TarArchiveEntry("data.bin");
            e.setSize(data.length);
            t.putArchiveEntry(e);
            t.write(data);
            t.closeArchiveEntry();
        }
        layerTar = tar.toByteArray();
        ByteArrayOutputStream zstd = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(zstd)) {
            z.write(layerTar);
        }
        byte[] layer = registry.putBlob(zstd.toByteArray());
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        config.putObject("config");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(Digest.of(layerTar).toString());
        byte[] configBytes = registry.putBlob(JSON.writeValueAsBytes(config));
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", Digest.of(configBytes).toString()).put("size", configBytes.length);
        manifest.putArray("layers").addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar+zstd")
                .put("digest", Digest.of(layer).toString()).put("size", layer.length);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        registry.putManifest("lib/app", Digest.of(manifestBytes).toString(), MediaTypes.OCI_MANIFEST, manifestBytes);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        var list = index.putArray("manifests");
        list.addObject().put("mediaType", MediaTypes.OCI_MANIFEST).put("digest", "sha256:" + "a".repeat(64)).put("size", 1)
                .putObject("platform").put("os", "linux").put("architecture", "arm64");
        list.addObject().put("mediaType", MediaTypes.OCI_MANIFEST).put("digest", Digest.of(manifestBytes).toString())
                .put("size", manifestBytes.length).putObject("platform").put("os", "linux").put("architecture", "amd64");
        registry.putManifest("lib/app", "1", MediaTypes.OCI_INDEX, JSON.writeValueAsBytes(index));
    }

    @Test
    void pullPicksAmd64FromAnIndexWithABearerTokenAndUnpacksZstd() throws IOException {
        Reference ref = Reference.parse(registry.host() + "/lib/app:1");
        ImageRecord image = puller.pull(puller.resolve(ref, alice()), Progress.NONE);
        assertEquals(Digest.of(layerTar), image.layers().get(0).diffId());
        assertTrue(image.repoTags().contains(registry.host() + "/lib/app:1"));
        assertTrue(image.repoDigests().get(0).contains("@sha256:"));
        assertTrue(registry.requests.stream().anyMatch(r -> r.startsWith("GET /token")), registry.requests.toString());
        assertFalse(registry.requests.stream().anyMatch(r -> r.contains("a".repeat(64))), "fetched the arm64 manifest");
        var view = vfs.view("check", Optional.of(image.layers().get(0).chainId().toString()));
        assertEquals(4096, Files.size(Path.of(view.get(0).source()).resolve("data.bin")));
    }

    @Test
    void bigBlobsGoUpInChunksAndTheManifestNamesWhatWasUploaded() throws IOException {
        Reference ref = Reference.parse(registry.host() + "/lib/app:1");
        puller.pull(puller.resolve(ref, alice()), Progress.NONE);
        Reference copy = Reference.parse(registry.host() + "/lib/copy:1");
        images.tag(ref.toString(), copy);
        Digest digest = pusher.push(copy, alice(), Progress.NONE);
        assertTrue(registry.requests.stream().anyMatch(r -> r.startsWith("PATCH /upload/")), "no chunked upload");
        var manifest = JSON.readTree(registry.manifests.get("lib/copy:1"));
        assertEquals(digest, Digest.of(registry.manifests.get("lib/copy:1")));
        for (var layer : manifest.path("layers")) {
            assertTrue(registry.blobs.containsKey(layer.path("digest").asText()), "layer not uploaded: " + layer);
            assertEquals(MediaTypes.DOCKER_LAYER_GZIP, layer.path("mediaType").asText());
        }
    }

    @Test
    void layersNotInGzipAreCompressedWhileTheyGoUpAndOnlyTheirDigestIsRemembered() throws IOException {
        Reference ref = Reference.parse(registry.host() + "/lib/app:1");
        ImageRecord pulled = puller.pull(puller.resolve(ref, alice()), Progress.NONE);
        LayerRecord zstdLayer = pulled.layers().getFirst();
        Reference copy = Reference.parse(registry.host() + "/lib/copy:1");
        images.tag(ref.toString(), copy);
        pusher.push(copy, alice(), Progress.NONE);
        String blob = JSON.readTree(registry.manifests.get("lib/copy:1")).path("layers").get(0).path("digest").asText();
        try (var gz = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(registry.blobs.get(blob)))) {
            assertArrayEquals(layerTar, gz.readAllBytes());
        }
        assertEquals(blob, images.compressedCopy(zstdLayer.diffId()).orElseThrow().blob().toString());
        // the store keeps the layer as it was, and no gzip copy of it
        assertEquals(zstdLayer.blob(), images.layer(zstdLayer.chainId()).orElseThrow().blob());
        assertFalse(images.content().exists(Digest.parse(blob)));

        registry.requests.clear();
        Reference again = Reference.parse(registry.host() + "/lib/again:1");
        images.tag(ref.toString(), again);
        pusher.push(again, alice(), Progress.NONE);
        assertEquals(blob, JSON.readTree(registry.manifests.get("lib/again:1")).path("layers").get(0).path("digest").asText());
        assertTrue(registry.requests.stream().noneMatch(r -> r.startsWith("PATCH") || r.startsWith("PUT /upload")),
                "the remembered blob is mounted, not compressed and sent again: " + registry.requests);

        // a registry that lost the blob gets it compressed again, to the same digest
        registry.blobs.remove(blob);
        Reference third = Reference.parse(registry.host() + "/lib/third:1");
        images.tag(ref.toString(), third);
        pusher.push(third, alice(), Progress.NONE);
        assertTrue(registry.blobs.containsKey(blob), "compressing again gives the same blob");
    }

    @Test
    void aFailedStreamedUploadRemembersNothing() throws IOException {
        Reference ref = Reference.parse(registry.host() + "/lib/app:1");
        ImageRecord pulled = puller.pull(puller.resolve(ref, alice()), Progress.NONE);
        Reference copy = Reference.parse(registry.host() + "/lib/copy:1");
        images.tag(ref.toString(), copy);
        registry.failNextPatches.set(1);
        var failure = assertThrows(RegistryException.class, () -> pusher.push(copy, alice(), Progress.NONE));
        assertTrue(failure.getMessage().contains("disk full"), failure.getMessage());
        assertTrue(images.compressedCopy(pulled.layers().getFirst().diffId()).isEmpty());
        assertFalse(registry.manifests.containsKey("lib/copy:1"));
        pusher.push(copy, alice(), Progress.NONE);
        assertTrue(registry.manifests.containsKey("lib/copy:1"));
    }

    @Test
    void aLayerWhoseBlobDoesNotMatchItsDigestLeavesNoLayerNoBlobAndNoSnapshot() throws IOException {
        String layerDigest = JSON.readTree(registry.manifests.get("lib/app:" + JSON.readTree(registry.manifests.get("lib/app:1"))
                .path("manifests").get(1).path("digest").asText())).path("layers").get(0).path("digest").asText();
        byte[] tampered = registry.blobs.get(layerDigest).clone();
        tampered[tampered.length / 2] ^= 1;
        registry.blobs.put(layerDigest, tampered);
        Reference ref = Reference.parse(registry.host() + "/lib/app:1");
        var resolved = puller.resolve(ref, alice());
        assertThrows(IOException.class, () -> puller.pull(resolved, Progress.NONE));
        assertEquals(0, images.layerCount());
        assertFalse(images.content().exists(Digest.parse(layerDigest)));
        assertEquals(0, images.content().pendingWrites());
        assertTrue(images.list().isEmpty());
        List<String> snapshots = new java.util.ArrayList<>();
        vfs.walk(info -> snapshots.add(info.key()));
        assertTrue(snapshots.isEmpty(), "snapshots left: " + snapshots);
    }

    @Test
    void transientServerErrorsAreRetried() throws IOException {
        registry.failNextManifests.set(2);
        var resolved = puller.resolve(Reference.parse(registry.host() + "/lib/app:1"), alice());
        assertEquals(0, registry.failNextManifests.get());
        assertTrue(resolved.digest().toString().startsWith("sha256:"));
    }

    @Test
    void credentialsComeFromTheCredentialsFileWhenTheRequestHasNone() throws IOException {
        String auth = java.util.Base64.getEncoder().encodeToString((FakeRegistry.USER + ":" + FakeRegistry.PASSWORD).getBytes());
        Files.writeString(root.resolve("no-credentials.json"), "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
        var resolved = puller.resolve(Reference.parse(registry.host() + "/lib/app:1"), Credentials.NONE);
        assertTrue(resolved.digest().toString().startsWith("sha256:"));
    }

    @Test
    void refusedCredentialsAreDockerErrors() {
        Credentials wrong = new Credentials("alice", "nope", "");
        var login = assertThrows(RegistryException.class, () -> client.session(registry.host(), "", wrong, false).ping());
        assertEquals(401, login.status());
        var pull = assertThrows(RegistryException.class,
                () -> puller.resolve(Reference.parse(registry.host() + "/lib/app:1"), wrong));
        assertEquals(404, pull.status());
        assertTrue(pull.getMessage().startsWith("pull access denied for " + registry.host() + "/lib/app"), pull.getMessage());
        var missing = assertThrows(RegistryException.class,
                () -> puller.resolve(Reference.parse(registry.host() + "/lib/app:2"), alice()));
        assertEquals(404, missing.status());
        assertTrue(missing.getMessage().contains("manifest unknown"), missing.getMessage());
    }
}
