package dev.gantry.plugin.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gantry.plugin.scan.sbom.SbomScanner;
import dev.gantry.plugin.scan.vulns.VulnsScanner;
import dev.gantry.spi.kit.ImageScannerKit;
import dev.gantry.spi.scan.Finding;
import dev.gantry.spi.scan.ImageScanner;
import dev.gantry.spi.scan.ImageView;
import dev.gantry.vulndb.Advisory;
import dev.gantry.vulndb.DatabaseStatus;
import dev.gantry.vulndb.ImportReport;
import dev.gantry.vulndb.Severity;
import dev.gantry.vulndb.SeverityRating;
import dev.gantry.vulndb.Source;
import dev.gantry.vulndb.VulnerabilityDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VulnsScannerTest extends ImageScannerKit {
    /** What the scanner asked the database: ecosystem, name, version. */
    final List<String> asked = new ArrayList<>();

    @Override
    protected ImageScanner newPlugin() {
        return new VulnsScanner();
    }

    @Override
    protected ImageScanner initialised() throws IOException {
        VulnsScanner s = (VulnsScanner) super.initialised();
        s.database(new Recording());
        return s;
    }

    @Override
    protected void populate(Path root) throws IOException {
        Fixtures.debian(root);
    }

    @Override
    protected List<Finding> previous(ImageView view) {
        return new SbomScanner().scan(view);
    }

    @Test
    void asksByOsvEcosystemAndSourcePackage() throws IOException {
        Path root = Files.createDirectories(work.resolve("r"));
        Fixtures.debian(root);
        Fixtures.apk(root);
        Fixtures.python(root);
        Fixtures.jar(root.resolve("app.jar"), false);
        ImageView view = layered(root, root);
        List<Finding> f = initialised().scan(view, previous(view));
        assertEquals(List.of("Debian:12 bash 5.2.15-2+b7", "PyPI requests_toolbelt 1.0.0", "Maven org.example:outer 1.0"),
                asked.stream().filter(a -> !a.startsWith("x")).toList());
        Finding v = f.getFirst();
        assertEquals("DSA-0000-1", v.id());
        assertEquals("HIGH", v.severity());
        assertEquals("5.2.15-3", v.fixedVersion());
        assertEquals(List.of("CVE-2024-0001"), v.aliases());
        assertEquals("bash", v.pkg().name());
        assertEquals(0, v.layer());
        assertEquals(1, f.size());
    }

    private final class Recording implements VulnerabilityDatabase {
        @Override
        public List<Advisory> affecting(String eco, String name, String version) {
            asked.add(eco + " " + name + " " + version);
            if (eco.equals("Debian:12") && name.equals("bash")) {
                return List.of(new Advisory("DSA-0000-1", List.of("CVE-2024-0001"), "bash: a flaw",
                        SeverityRating.databaseSpecific(Severity.HIGH), eco, name, version, Optional.of("5.2.15-3")));
            }
            return List.of();
        }

        @Override
        public String version() {
            return "test";
        }

        @Override
        public List<Source> sources() {
            return List.of();
        }

        @Override
        public DatabaseStatus status() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ImportReport importFile(String name, InputStream body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
