package dev.gantry.rest.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.scan.ScanResult;
import dev.gantry.rest.scan.format.CycloneDx;
import dev.gantry.rest.scan.format.Sarif;
import dev.gantry.rest.scan.format.ScanReport;
import dev.gantry.rest.scan.format.Spdx;
import dev.gantry.spi.scan.Finding;
import java.time.Instant;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

/** The writers on one result with every kind of finding, two copies of one package and an OS. */
class ScanFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Finding.Pkg BASH = new Finding.Pkg("bash", "5.2-1", "pkg:deb/debian/bash@5.2-1?distro=debian-12", "GPL-3.0+");
    private static final ScanResult RESULT = new ScanResult("sha256:" + "a".repeat(64), Instant.parse("2026-12-02T03:00:00Z"),
            "v1", List.of("sbom", "vulns", "secrets", "config"), "key", List.of(
            new Finding(Finding.Type.PACKAGE, "os:debian:12", "UNKNOWN", "Debian 12", "/etc/os-release")
                    .withPkg(new Finding.Pkg("debian", "12", null, null)).withFile("/etc/os-release", 0),
            new Finding(Finding.Type.PACKAGE, BASH.purl(), "UNKNOWN", "bash", "/var/lib/dpkg/status").withPkg(BASH).withFile("/var/lib/dpkg/status", 0),
            new Finding(Finding.Type.PACKAGE, BASH.purl(), "UNKNOWN", "bash", "/other").withPkg(BASH).withFile("/other", 1),
            new Finding(Finding.Type.VULNERABILITY, "DSA-1", "CRITICAL", "bash: flaw", "bash 5.2-1").withPkg(BASH)
                    .withFile("/var/lib/dpkg/status", 0).withFixedVersion("5.2-2", List.of("CVE-2099-1")),
            new Finding(Finding.Type.SECRET, "aws-access-key-id", "CRITICAL", "AWS access key ID", "/root/c")
                    .withFile("/root/c", 1).withLine(2).withMaskedValue("AKIA********"),
            new Finding(Finding.Type.MISCONFIGURATION, "GANTRY-CFG-001", "HIGH", "root", "config User").withFix("Add USER", 3),
            new Finding(Finding.Type.SKIPPED, "sbom:/x.jar", "UNKNOWN", "archive refused", "/x.jar").withFile("/x.jar", 1)));

    @Test
    void gantryJsonCountsFindingsNotPackages() {
        JsonNode r = ScanReport.write(RESULT);
        assertEquals(2, r.path("Summary").path("CRITICAL").asInt());
        assertEquals(1, r.path("Summary").path("HIGH").asInt());
        assertEquals(0, r.path("Summary").path("UNKNOWN").asInt());
        assertEquals(3, r.path("Packages").size());
        assertEquals("os", r.path("Packages").get(0).path("Type").asText());
        assertEquals(4, r.path("Findings").size());
        assertEquals("5.2-2", r.path("Findings").get(0).path("FixedVersion").asText());
    }

    @Test
    void cycloneDxIsValid16WithUniqueRefs() throws Exception {
        JsonNode bom = CycloneDx.write(RESULT, "app", "0.1.0");
        assertEquals(List.of(), new JsonParser().validate(JSON.writeValueAsBytes(bom), Version.VERSION_16));
        assertEquals("operating-system", bom.path("components").get(0).path("type").asText());
        assertFalse(bom.path("components").get(1).path("bom-ref").asText().equals(bom.path("components").get(2).path("bom-ref").asText()));
        assertEquals(BASH.purl(), bom.path("vulnerabilities").get(0).path("affects").get(0).path("ref").asText());
    }

    @Test
    void sarifHasARulePerIdAndNoSkipped() {
        JsonNode s = Sarif.write(RESULT, "app", "0.1.0");
        JsonNode run = s.path("runs").get(0);
        assertEquals(3, run.path("tool").path("driver").path("rules").size());
        assertEquals(3, run.path("results").size());
        assertEquals("root/c", run.path("results").get(1).path("locations").get(0).path("physicalLocation")
                .path("artifactLocation").path("uri").asText());
        assertTrue(run.path("results").get(2).path("locations").get(0).has("logicalLocations"));
    }

    @Test
    void spdxContainsEveryPackage() {
        JsonNode d = Spdx.write(RESULT, "app", "0.1.0");
        assertEquals(4, d.path("packages").size());
        assertEquals(4, d.path("relationships").size());
        assertEquals("OPERATING-SYSTEM", d.path("packages").get(1).path("primaryPackagePurpose").asText());
    }
}
