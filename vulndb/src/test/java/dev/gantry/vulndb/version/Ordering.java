package dev.gantry.vulndb.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks a scheme against a list of versions in ascending order, every pair both ways. */
final class Ordering {
    private Ordering() {
    }

    static void ascending(VersionScheme scheme, String... versions) {
        for (int i = 0; i < versions.length; i++) {
            assertEquals(0, scheme.compare(versions[i], versions[i]), versions[i] + " == itself");
            for (int j = i + 1; j < versions.length; j++) {
                assertTrue(scheme.compare(versions[i], versions[j]) < 0, versions[i] + " < " + versions[j]);
                assertTrue(scheme.compare(versions[j], versions[i]) > 0, versions[j] + " > " + versions[i]);
            }
        }
    }

    static void equal(VersionScheme scheme, String a, String b) {
        assertEquals(0, scheme.compare(a, b), a + " == " + b);
        assertEquals(0, scheme.compare(b, a), b + " == " + a);
    }
}
