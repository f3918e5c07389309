package dev.gantry.vulndb.version;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DpkgVersionTest {
    private final VersionScheme dpkg = DpkgVersion.INSTANCE;

    @Test
    void tildeSortsBeforeEverythingEvenTheEnd() {
        // deb-version(7)'s own example
        Ordering.ascending(dpkg, "1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a");
    }

    @Test
    void lettersSortBeforeOtherCharacters() {
        Ordering.ascending(dpkg, "1.0a", "1.0z", "1.0+", "1.0.1");
        Ordering.ascending(dpkg, "1.2.3", "1.2.3+dfsg", "1.2.3.1");
    }

    @Test
    void digitsCompareNumerically() {
        Ordering.ascending(dpkg, "1.2", "1.9", "1.10", "1.100");
        Ordering.equal(dpkg, "1.02", "1.2");
        Ordering.equal(dpkg, "0:1.0", "1.0");
    }

    @Test
    void epochWinsOverEverything() {
        Ordering.ascending(dpkg, "9.9-9", "1:0.1", "1:0.2", "2:0.0~rc1");
    }

    @Test
    void revisionComparesAfterUpstream() {
        Ordering.ascending(dpkg, "1.0-1", "1.0-1+deb12u1", "1.0-2", "1.0-10", "1.0.1-1");
        // the upstream part may hold hyphens: the revision is after the last one
        Ordering.ascending(dpkg, "1.0-beta-1", "1.0-beta-2", "1.0-gamma-1");
        Ordering.equal(dpkg, "1.0", "1.0-0");
        Ordering.ascending(dpkg, "1.0-0", "1.0-1");
    }

    @Test
    void realDebianVersions() {
        Ordering.ascending(dpkg, "2.36-9+deb12u3", "2.36-9+deb12u4", "2.36-9+deb12u10");
        Ordering.ascending(dpkg, "3.0.11-1~deb12u1", "3.0.11-1~deb12u2", "3.0.11-1", "3.0.13-1~deb12u1");
        Ordering.ascending(dpkg, "1:2.38.1-5", "1:2.38.1-5+deb12u1", "1:2.39.3-1");
        Ordering.ascending(dpkg, "7.88.1-10+deb12u5", "7.88.1-10+deb12u12", "8.5.0-2");
    }

    @Test
    void refusesWhatIsNoVersion() {
        assertThrows(IllegalArgumentException.class, () -> dpkg.compare("a:1.0", "1.0"));
        assertThrows(IllegalArgumentException.class, () -> dpkg.compare("", "1.0"));
        assertThrows(IllegalArgumentException.class, () -> dpkg.compare("1.0 2", "1.0"));
        assertThrows(IllegalArgumentException.class, () -> dpkg.compare("1:-1", "1.0"));
    }
}
