package dev.gantry.core.scan;

import dev.gantry.spi.scan.Finding;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scan of one image.
 *
 * @param imageId         the image scanned
 * @param created         when the scan was made
 * @param databaseVersion the vulnerability database's version the scan used, null when vulns did not run
 * @param scanners        the scanners run, in their order
 * @param cacheKey        image id, scanners and their data versions: equal keys, equal findings
 * @param findings        what they found, in scanner order
 */
public record ScanResult(String imageId, Instant created, String databaseVersion, List<String> scanners,
                         String cacheKey, List<Finding> findings) {
    public ScanResult {
        scanners = List.copyOf(scanners);
        findings = List.copyOf(findings);
    }

    /** Findings per severity (packages and skipped files count in none), every severity present. */
    public Map<String, Integer> summary() {
        Map<String, Integer> s = new LinkedHashMap<>();
        Finding.SEVERITIES.forEach(v -> s.put(v, 0));
        for (Finding f : findings) {
            if (f.type() != Finding.Type.PACKAGE && f.type() != Finding.Type.SKIPPED) {
                s.merge(f.severity(), 1, Integer::sum);
            }
        }
        return s;
    }

    public List<Finding> packages() {
        return findings.stream().filter(f -> f.type() == Finding.Type.PACKAGE).toList();
    }

    /** Everything but the packages. */
    public List<Finding> issues() {
        return findings.stream().filter(f -> f.type() != Finding.Type.PACKAGE).toList();
    }
}
