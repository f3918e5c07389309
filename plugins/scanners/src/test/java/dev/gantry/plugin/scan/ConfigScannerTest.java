package dev.gantry.plugin.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.plugin.scan.config.ConfigScanner;
import dev.gantry.spi.kit.ImageScannerKit;
import dev.gantry.spi.scan.Finding;
import dev.gantry.spi.scan.ImageScanner;
import dev.gantry.spi.scan.ImageView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConfigScannerTest extends ImageScannerKit {
    @Override
    protected ImageScanner newPlugin() {
        return new ConfigScanner();
    }

    @Test
    void eachRuleFiresWithItsStepAndFix() throws IOException {
        Path root = Files.createDirectories(work.resolve("r"));
        Fixtures.write(root, "usr/bin/su", "x");
        Files.setAttribute(root.resolve("usr/bin/su"), "unix:mode", 04755);
        Fixtures.write(root, "srv/open", "x");
        Files.setPosixFilePermissions(root.resolve("srv/open"), PosixFilePermissions.fromString("rw-rw-rw-"));
        List<ImageView.HistoryStep> h = List.of(
                new ImageView.HistoryStep(0, "/bin/sh -c #(nop) ADD file:abc in /", false),
                new ImageView.HistoryStep(1, "ADD https://example.com/x.tgz /x.tgz # buildkit", false),
                new ImageView.HistoryStep(2, "|1 API_TOKEN=abc /bin/sh -c curl -fsSL https://get.example.com | sh", false),
                new ImageView.HistoryStep(3, "ENV DB_PASSWORD=secret", true),
                new ImageView.HistoryStep(4, "EXPOSE map[22/tcp:{}]", true));
        ImageView view = new ImageView("sha256:" + "0".repeat(64), root, List.of("DB_PASSWORD=secret", "PATH=/bin"), "",
                Map.of("org.opencontainers.image.base.name", "docker.io/library/debian:latest"), h,
                List.of(new ImageView.Layer(0, "sha256:" + "1".repeat(64), root, 0)), Set.of("22/tcp"), false);
        Map<String, List<Finding>> by = initialised().scan(view).stream().collect(Collectors.groupingBy(Finding::id));
        assertEquals(4, by.get("GANTRY-CFG-001").getFirst().historyStep());
        assertTrue(by.containsKey("GANTRY-CFG-002"));
        assertTrue(by.containsKey("GANTRY-CFG-003"));
        assertEquals(1, by.get("GANTRY-CFG-004").getFirst().historyStep());
        assertEquals(2, by.get("GANTRY-CFG-005").getFirst().historyStep());
        assertEquals(Set.of("ARG API_TOKEN", "ENV DB_PASSWORD"),
                by.get("GANTRY-CFG-006").stream().map(Finding::location).collect(Collectors.toSet()));
        assertEquals(3, by.get("GANTRY-CFG-006").stream().filter(f -> f.location().startsWith("ENV")).findFirst().orElseThrow().historyStep());
        Finding suid = by.get("GANTRY-CFG-007").getFirst();
        assertEquals("/usr/bin/su", suid.file());
        assertEquals(0, suid.layer());
        assertEquals("/srv/open", by.get("GANTRY-CFG-008").getFirst().file());
        assertEquals(4, by.get("GANTRY-CFG-009").getFirst().historyStep());
        by.values().forEach(l -> l.forEach(f -> assertTrue(f.fix() != null && !f.fix().isBlank())));
    }

    @Test
    void aNonRootImageWithAHealthcheckPasses() throws IOException {
        Path root = Files.createDirectories(work.resolve("ok"));
        ImageView view = new ImageView("sha256:" + "0".repeat(64), root, List.of("PATH=/bin"), "app",
                Map.of("org.opencontainers.image.base.name", "debian:12"), List.of(),
                List.of(new ImageView.Layer(0, "sha256:" + "1".repeat(64), root, -1)), Set.of("8080/tcp"), true);
        assertEquals(List.of(), initialised().scan(view));
    }
}
