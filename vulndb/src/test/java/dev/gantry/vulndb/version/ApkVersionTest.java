package dev.gantry.vulndb.version;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ApkVersionTest {
    private final VersionScheme apk = ApkVersion.INSTANCE;

    @Test
    void suffixesOrderAroundTheRelease() {
        Ordering.ascending(apk, "1.0_alpha", "1.0_alpha2", "1.0_beta", "1.0_pre1", "1.0_rc1", "1.0_rc2", "1.0",
                "1.0_cvs", "1.0_svn", "1.0_git20240101", "1.0_hg", "1.0_p1", "1.0_p2", "1.0.1_alpha");
    }

    @Test
    void revisionComesLast() {
        Ordering.ascending(apk, "1.2.3", "1.2.3-r1", "1.2.3-r2", "1.2.3-r10", "1.2.3_p1-r0", "1.2.4-r0");
        Ordering.equal(apk, "1.2.3", "1.2.3-r0");
    }

    @Test
    void lettersAndMoreNumbers() {
        Ordering.ascending(apk, "1.0", "1.0a", "1.0b", "1.0.1");
        Ordering.ascending(apk, "3.1.4", "3.1.4a", "3.1.10");
    }

    @Test
    void leadingZeroComponentsAreFractions() {
        // Gentoo's rule, which apk follows: 1.01 < 1.1 and 1.1 < 1.10
        Ordering.ascending(apk, "1.001", "1.01", "1.1", "1.10");
        Ordering.equal(apk, "1.010", "1.01");
    }

    @Test
    void realAlpineVersions() {
        Ordering.ascending(apk, "3.1.4-r5", "3.1.4-r6", "3.1.5-r0", "3.3.0-r0");
        Ordering.ascending(apk, "1.36.1-r15", "1.36.1-r19", "1.37.0-r0");
        Ordering.ascending(apk, "8.5.0_rc1-r0", "8.5.0-r0", "8.5.0_p20231208-r0");
    }

    @Test
    void refusesWhatIsNoVersion() {
        assertThrows(IllegalArgumentException.class, () -> apk.compare("1.0-1", "1.0"));
        assertThrows(IllegalArgumentException.class, () -> apk.compare("v1.0", "1.0"));
        assertThrows(IllegalArgumentException.class, () -> apk.compare("1.0_foo", "1.0"));
        assertThrows(IllegalArgumentException.class, () -> apk.compare("", "1.0"));
    }
}
