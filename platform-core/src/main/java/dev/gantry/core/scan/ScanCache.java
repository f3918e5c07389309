package dev.gantry.core.scan;

import dev.gantry.core.state.Documents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The last scan of each image, one JSON file per image under {@code <data-root>/scans/} (written to a temporary
 * file and renamed, so a crash leaves the previous one).
 */
final class ScanCache {
    private final Path dir;

    ScanCache(Path dir) {
        this.dir = dir;
    }

    Optional<ScanResult> last(String imageId) {
        Path f = file(imageId);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Documents.MAPPER.readValue(f.toFile(), ScanResult.class));
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
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    void drop(String imageId) throws IOException {
        Files.deleteIfExists(file(imageId));
    }

    private Path file(String imageId) {
        return dir.resolve(imageId.replace("sha256:", "") + ".json");
    }
}
