package dev.gantry.core.scan;

import dev.gantry.core.state.Documents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The last scan of each image, one JSON file per image under {@code <data-root>/scans/} (written to a temporary
 * file and renamed, so a crash leaves the previous one), and the last few in memory: a result with every package
 * of a big image takes longer to parse than to send.
 */
final class ScanCache {
    private static final int IN_MEMORY = 8;
    private final Path dir;
    private final java.util.Map<String, ScanResult> recent = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, ScanResult> eldest) {
                    return size() > IN_MEMORY;
                }
            });

    ScanCache(Path dir) {
        this.dir = dir;
    }

    Optional<ScanResult> last(String imageId) {
        ScanResult hot = recent.get(imageId);
        if (hot != null) {
            return Optional.of(hot);
        }
        Path f = file(imageId);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            ScanResult r = Documents.MAPPER.readValue(f.toFile(), ScanResult.class);
            recent.put(imageId, r);
            return Optional.of(r);
        } catch (IOException e) {
            return Optional.empty(); // an unreadable cache entry is a miss
        }
    }

    void put(ScanResult r) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "tmp-", ".json");
        try {
            Documents.MAPPER.writeValue(tmp.toFile(), r);
            Files.move(tmp, file(r.imageId()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            recent.put(r.imageId(), r);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Forgets the scans of images that are gone (called after each new scan: results are small, images few). */
    void retain(java.util.function.Predicate<String> exists) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json") && !name.startsWith("tmp-") && !exists.test("sha256:" + name.replace(".json", ""))) {
                    recent.remove("sha256:" + name.replace(".json", ""));
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private Path file(String imageId) {
        return dir.resolve(imageId.replace("sha256:", "") + ".json");
    }
}
