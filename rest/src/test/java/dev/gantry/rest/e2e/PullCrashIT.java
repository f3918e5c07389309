package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.rest.TempRoots;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the engine in the middle of a pull, then a restart: no half image is listed, temporary files and
 * half-made layers are gone, and the same pull then succeeds.
 */
class PullCrashIT {
    private static final int LAYER_MB = 120;

    @Test
    void aPullKilledMidwayLeavesAConsistentStore() throws Exception {
        Path work = Files.createTempDirectory("gantry-crash-");
        try (LocalRegistry registry = LocalRegistry.start()) {
            Path archive = bigImage(work);
            String ref = registry.host() + "/gantry-it/big:1";
            GantryProcess first = GantryProcess.start();
            Path root = first.root;
            assertEquals(0, first.docker("load", "-i", archive.toString()).code());
            assertEquals(0, first.docker("tag", "big:1", ref).code());
            var pushed = first.docker("push", ref);
            assertEquals(0, pushed.code(), pushed.out());
            assertEquals(0, first.docker("rmi", "big:1", ref).code());

            ProcessBuilder pb = new ProcessBuilder(GantryProcess.dockerCli(), "pull", ref).redirectErrorStream(true)
                    .redirectOutput(work.resolve("pull.log").toFile());
            pb.environment().put("DOCKER_HOST", "unix://" + first.socket);
            Process pull = pb.start();
            boolean midway = waitForMidPull(root, 60_000);
            first.kill();
            pull.waitFor();
            assertTrue(midway, "never saw the pull under way: " + Files.readString(work.resolve("pull.log")));

            try (GantryProcess again = GantryProcess.startAt(root)) {
                assertEquals("", again.docker("images", "-a", "-q").out().strip(), "a half-pulled image is listed");
                assertEquals(0, count(root.resolve("data/content/tmp")), "temporary blobs were left");
                assertEquals(0, count(root.resolve("data/plugin-state/storage/overlay/tmp")), "half-made snapshots were left");
                var retried = again.docker("pull", ref);
                assertEquals(0, retried.code(), retried.out());
                assertTrue(retried.out().contains("Downloaded newer image"), retried.out());
                assertEquals(0, again.docker("image", "inspect", ref).code());
            }
        } finally {
            TempRoots.deleteTree(work);
        }
    }

    /** True once a layer is being downloaded or extracted: a partial blob, or the layer blob without its image. */
    private static boolean waitForMidPull(Path root, long timeoutMs) throws Exception {
        long end = System.currentTimeMillis() + timeoutMs;
        Path tmp = root.resolve("data/content/tmp");
        Path snapshots = root.resolve("data/plugin-state/storage/overlay/tmp");
        while (System.currentTimeMillis() < end) {
            if (count(tmp) > 0 || count(snapshots) > 0) {
                return true;
            }
            Thread.sleep(2);
        }
        return false;
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    /** big:1, one layer holding LAYER_MB of random bytes (incompressible, so the transfer takes a while). */
    private static Path bigImage(Path work) throws Exception {
        Path layer = work.resolve("layer.tar");
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(layer), md);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry("big.bin");
            e.setSize((long) LAYER_MB << 20);
            tar.putArchiveEntry(e);
            Random random = new Random(42);
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < LAYER_MB; i++) {
                random.nextBytes(chunk);
                tar.write(chunk);
            }
            tar.closeArchiveEntry();
        }
        String diffId = "sha256:" + HexFormat.of().formatHex(md.digest());
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + diffId + "\"]}}").getBytes(StandardCharsets.UTF_8);
        String configName = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(config)) + ".json";
        byte[] manifest = ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"big:1\"],\"Layers\":[\"l/layer.tar\"]}]")
                .getBytes(StandardCharsets.UTF_8);
        Path archive = work.resolve("big.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
            TarArchiveEntry l = new TarArchiveEntry("l/layer.tar");
            l.setSize(Files.size(layer));
            tar.putArchiveEntry(l);
            Files.copy(layer, tar);
            tar.closeArchiveEntry();
            for (var f : List.of(Map.entry(configName, config), Map.entry("manifest.json", manifest))) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        Files.delete(layer);
        return archive;
    }
}
