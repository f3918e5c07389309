package dev.gantry.vulndb.version;

import org.junit.jupiter.api.Test;

class MavenVersionTest {
    private final VersionScheme maven = MavenVersion.INSTANCE;

    @Test
    void qualifiersOrderAsMavenSays() {
        Ordering.ascending(maven, "1.0-alpha-1", "1.0-beta-1", "1.0-milestone-1", "1.0-rc-1", "1.0-SNAPSHOT",
                "1.0", "1.0-sp-1", "1.0.1");
        Ordering.equal(maven, "1.0", "1.0.0");
        Ordering.equal(maven, "1.0-ga", "1.0");
        Ordering.equal(maven, "1.0-final", "1.0");
        Ordering.equal(maven, "1.0-cr-1", "1.0-rc-1");
    }

    @Test
    void realJavaVersions() {
        Ordering.ascending(maven, "2.14.1", "2.15.0-rc1", "2.15.0", "2.17.1", "2.17.10");
        Ordering.ascending(maven, "5.3.9", "5.3.18", "6.0.0-M1", "6.0.0");
        Ordering.ascending(maven, "31.1-jre", "32.0.0-android", "32.0.0-jre");
    }
}
