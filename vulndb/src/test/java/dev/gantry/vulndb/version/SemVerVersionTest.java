package dev.gantry.vulndb.version;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SemVerVersionTest {
    @Test
    void theSpecsPrecedenceExample() {
        // SemVer 2.0 section 11
        Ordering.ascending(SemVerVersion.NPM, "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1");
    }

    @Test
    void buildMetadataDoesNotCount() {
        Ordering.equal(SemVerVersion.NPM, "1.0.0+build.1", "1.0.0+build.2");
        Ordering.equal(SemVerVersion.GO, "v2.0.0+incompatible", "v2.0.0");
    }

    @Test
    void goVersionsCarryAV() {
        Ordering.ascending(SemVerVersion.GO, "v0.0.0-20200101000000-abcdefabcdef", "v0.1.0", "v1.2.3", "1.2.4",
                "v1.10.0");
        Ordering.ascending(SemVerVersion.GO, "v1.2.4-0.20230101000000-abcdefabcdef", "v1.2.4");
    }

    @Test
    void npmRefusesLooseVersions() {
        assertThrows(IllegalArgumentException.class, () -> SemVerVersion.NPM.compare("1.0.0.0", "1.0.0"));
        assertThrows(IllegalArgumentException.class, () -> SemVerVersion.NPM.compare("1.0", "1.0.0"));
        assertThrows(IllegalArgumentException.class, () -> SemVerVersion.GO.compare("latest", "1.0.0"));
    }
}
