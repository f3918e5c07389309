package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.rest.TempRoots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Images with the real docker CLI: load, save, tag, inspect, history, rmi, and a registry round trip. */
class ImagesIT {
    private static GantryProcess gantry;
    private static LocalRegistry registry;
    private static Path images;

    @BeforeAll
    static void start() throws Exception {
        images = TestImages.dir();
        gantry = GantryProcess.start();
        registry = LocalRegistry.start();
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
        gantry.close();
    }

    private static GantryProcess.Result docker(String... args) throws Exception {
        return gantry.docker(args);
    }

    private static String ok(GantryProcess.Result r) {
        assertEquals(0, r.code(), r.out());
        return r.out();
    }

    private static String busyboxId() throws Exception {
        ok(docker("load", "-i", images.resolve("busybox.tar").toString()));
        return ok(docker("image", "inspect", "--format", "{{.Id}}", "busybox")).strip();
    }

    @Test
    void theTestImageIsAValidDockerArchive() throws Exception {
        var r = GantryProcess.run(List.of("skopeo", "inspect", "docker-archive:" + images.resolve("busybox.tar")), Map.of());
        assertEquals(0, r.code(), r.out());
    }

    @Test
    void loadTagInspectHistoryAndSaveRmiLoadKeepsTheId() throws Exception {
        String id = busyboxId();
        assertTrue(ok(docker("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}")).contains("busybox:latest " + id.substring(7, 19)));
        ok(docker("tag", "busybox", "gantry-it/bb:v1"));
        assertEquals(id, ok(docker("image", "inspect", "--format", "{{.Id}}", "gantry-it/bb:v1")).strip());
        // a reference filter lists the image under the names it matched only, as dockerd does
        assertEquals("gantry-it/bb:v1", ok(docker("images", "--format", "{{.Repository}}:{{.Tag}}", "gantry-it/bb")).strip());
        assertEquals("gantry-it/bb:v1", ok(docker("images", "--format", "{{.Repository}}:{{.Tag}}", "gantry-it/*:v1")).strip());
        String inspect = ok(docker("image", "inspect", "--format", "{{.Os}} {{.Architecture}} {{json .Config.Cmd}} {{len .RootFS.Layers}}", "busybox"));
        assertEquals("linux amd64 [\"sh\"] 1", inspect.strip());
        String history = ok(docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", "busybox"));
        assertTrue(history.contains("ADD busybox-static rootfs in /"), history);
        Path saved = images.resolve("saved.tar");
        ok(docker("save", "-o", saved.toString(), "busybox"));
        var skopeo = GantryProcess.run(List.of("skopeo", "inspect", "docker-archive:" + saved), Map.of());
        assertEquals(0, skopeo.code(), skopeo.out());
        ok(docker("rmi", "gantry-it/bb:v1"));
        ok(docker("rmi", "busybox"));
        assertNotEquals(0, docker("image", "inspect", "busybox").code());
        ok(docker("load", "-i", saved.toString()));
        assertEquals(id, ok(docker("image", "inspect", "--format", "{{.Id}}", "busybox")).strip());
    }

    @Test
    void registryRoundTripKeepsTheId() throws Exception {
        String id = busyboxId();
        String ref = registry.host() + "/gantry-it/busybox:rt";
        ok(docker("tag", "busybox", ref));
        String pushed = ok(docker("push", ref));
        assertTrue(pushed.contains("digest: sha256:"), pushed);
        var skopeo = GantryProcess.run(List.of("skopeo", "inspect", "--tls-verify=false", "docker://" + ref), Map.of());
        assertEquals(0, skopeo.code(), skopeo.out());
        assertTrue(skopeo.out().contains("\"Digest\": \"sha256:"), skopeo.out());
        String second = registry.host() + "/gantry-it/other:rt";
        ok(docker("tag", "busybox", second));
        String mounted = ok(docker("push", second));
        assertTrue(mounted.contains("Mounted from gantry-it/busybox"), "no cross-repository mount: " + mounted);
        ok(docker("rmi", second));
        ok(docker("rmi", ref));
        ok(docker("rmi", "busybox"));
        String pulled = ok(docker("pull", ref));
        assertTrue(pulled.contains("Downloaded newer image"), pulled);
        assertEquals(id, ok(docker("image", "inspect", "--format", "{{.Id}}", ref)).strip());
        assertTrue(ok(docker("image", "inspect", "--format", "{{json .RepoDigests}}", ref)).contains("@sha256:"));
        ok(docker("rmi", ref));
    }

    @Test
    void importMakesAOneLayerImageWithTheChanges() throws Exception {
        Path rootfs = images.resolve("rootfs.tar");
        Files.write(rootfs, tar(Map.of("etc/greeting", "hello")));
        String id = ok(docker("import", "-c", "CMD [\"cat\", \"/etc/greeting\"]", "-c", "ENV A=1", "-m", "from a test",
                rootfs.toString(), "gantry-it/imported:1")).strip();
        assertTrue(id.startsWith("sha256:"), id);
        assertEquals("[\"cat\",\"/etc/greeting\"] [\"A=1\"] 1", ok(docker("image", "inspect", "--format",
                "{{json .Config.Cmd}} {{json .Config.Env}} {{len .RootFS.Layers}}", "gantry-it/imported:1")).strip());
        assertTrue(ok(docker("history", "gantry-it/imported:1")).contains("from a test"));
        ok(docker("rmi", "gantry-it/imported:1"));
    }

    @Test
    void distributionInspectAndImageMetrics() throws Exception {
        busyboxId();
        String ref = registry.host() + "/gantry-it/busybox:dist";
        ok(docker("tag", "busybox", ref));
        ok(docker("push", ref));
        String dist = gantry.curl("/v1.51/distribution/" + ref + "/json").out();
        assertTrue(dist.contains("\"digest\":\"sha256:") && dist.contains("\"os\":\"linux\""), dist);
        String metrics = gantry.curl("/metrics").out();
        assertTrue(metrics.contains("gantry_image_operations_seconds_count{operation=\"push\",outcome=\"success\"}"), metrics);
        assertTrue(metrics.contains("gantry_image_transfer_bytes_total{direction=\"push\"}"), metrics);
        ok(docker("rmi", ref));
    }

    @Test
    void imageEventsAreStreamed() throws Exception {
        String since = Long.toString(System.currentTimeMillis() / 1000 - 1);
        busyboxId();
        ok(docker("tag", "busybox", "gantry-it/events:1"));
        ok(docker("rmi", "gantry-it/events:1"));
        String until = Long.toString(System.currentTimeMillis() / 1000 + 1);
        String events = ok(docker("events", "--since", since, "--until", until, "--filter", "type=image",
                "--format", "{{.Action}} {{.Actor.Attributes.name}}"));
        assertTrue(events.contains("load busybox:latest"), events);
        assertTrue(events.contains("tag gantry-it/events:1"), events);
        assertTrue(events.contains("untag gantry-it/events:1"), events);
    }

    @Test
    void pullingAMissingTagSaysManifestUnknownAndLeavesNothing() throws Exception {
        String before = ok(docker("images", "-a", "-q"));
        var r = docker("pull", registry.host() + "/gantry-it/busybox:does-not-exist");
        assertNotEquals(0, r.code());
        assertTrue(r.out().contains("manifest unknown"), r.out());
        assertEquals(before, ok(docker("images", "-a", "-q")));
        assertEquals(0, pendingBlobs());
    }

    @Test
    void aHostileLayerIsRefusedAndNothingIsWrittenOutside() throws Exception {
        Path victimDir = Files.createTempDirectory("gantry-victim-");
        try {
            byte[] layer = hostileLayer(victimDir);
            Path archive = images.resolve("hostile.tar");
            Files.write(archive, archive(layer, sha256(layer)));
            var r = docker("load", "-i", archive.toString());
            assertNotEquals(0, r.code(), r.out());
            try (Stream<Path> s = Files.list(victimDir)) {
                assertEquals(0, s.count(), "something was written outside the layer");
            }
            assertFalse(Files.exists(gantry.root.resolve("escape")));
            assertFalse(ok(docker("images", "--format", "{{.Repository}}")).contains("hostile"));
        } finally {
            TempRoots.deleteTree(victimDir);
        }
    }

    @Test
    void aLayerWhoseDigestDoesNotMatchIsRefusedAndNotStored() throws Exception {
        byte[] layer = tar(Map.of("file", "content"));
        Path archive = images.resolve("mismatch.tar");
        Files.write(archive, archive(layer, sha256("not this".getBytes(StandardCharsets.UTF_8))));
        var r = docker("load", "-i", archive.toString());
        assertNotEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("diffID"), r.out());
        assertFalse(ok(docker("images", "--format", "{{.Repository}}")).contains("hostile"));
        try (Stream<Path> s = Files.list(gantry.root.resolve("data/content/sha256"))) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().equals(sha256(layer).substring(7))), "the bad layer blob was kept");
        }
    }

    private static long pendingBlobs() throws IOException {
        try (Stream<Path> s = Files.list(gantry.root.resolve("data/content/tmp"))) {
            return s.count();
        }
    }

    /** ../escape, an absolute path, and a symlink that climbs out, then a write through it. */
    private static byte[] hostileLayer(Path victimDir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            file(tar, "../escape", "x");
            file(tar, victimDir.resolve("absolute").toString(), "x");
            TarArchiveEntry link = new TarArchiveEntry("climb", TarConstants.LF_SYMLINK);
            link.setLinkName("../../../../../../../../" + victimDir.toString().substring(1));
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            file(tar, "climb/through-link", "x");
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static byte[] tar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                file(tar, f.getKey(), f.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A docker-archive tagged hostile:latest holding one layer, whose config claims {@code diffId}. */
    private static byte[] archive(byte[] layer, String diffId) throws Exception {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + diffId + "\"]}}").getBytes(StandardCharsets.UTF_8);
        String configName = sha256(config).substring(7) + ".json";
        byte[] manifest = ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"hostile:latest\"],\"Layers\":[\"l/layer.tar\"]}]")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (var e : List.of(Map.entry("l/layer.tar", layer), Map.entry(configName, config), Map.entry("manifest.json", manifest))) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
