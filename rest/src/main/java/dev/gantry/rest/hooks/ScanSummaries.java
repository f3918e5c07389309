package dev.gantry.rest.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gantry.core.EngineConfig;
import dev.gantry.core.scan.ScanService;
import dev.gantry.rest.scan.format.ScanReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code req.image.scan} for policy hooks: the image's last scan as {@link ScanReport#summary}, read from the scan
 * service's cache (never a new scan), null when the image was never scanned. Until the first scan there is no
 * scan cache directory, and then the scan service (scanners, vulnerability database) is not made for this.
 */
@ApplicationScoped
class ScanSummaries {
    private final Provider<ScanService> scans;
    private final Path cache;

    ScanSummaries(Provider<ScanService> scans, EngineConfig config) {
        this.scans = scans;
        this.cache = ScanService.cacheDir(config.dataRoot());
    }

    JsonNode of(String imageId) {
        if (imageId == null || imageId.isEmpty() || !Files.isDirectory(cache)) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return scans.get().last(imageId).<JsonNode>map(ScanReport::summary).orElse(JsonNodeFactory.instance.nullNode());
        } catch (RuntimeException e) {
            return JsonNodeFactory.instance.nullNode(); // removed since it was inspected: as good as unscanned
        }
    }
}
