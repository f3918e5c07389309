package dev.gantry.vulndb.version;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Pep440VersionTest {
    private final VersionScheme pep = Pep440Version.INSTANCE;

    @Test
    void thePepsOwnOrderingExample() {
        // PEP 440's "summary of permitted suffixes and relative ordering" example
        Ordering.ascending(pep, "1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12",
                "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1",
                "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1");
    }

    @Test
    void epochsWin() {
        Ordering.ascending(pep, "2013.10", "2014.04", "1!1.0", "1!1.1", "2!0.1");
    }

    @Test
    void normalisedSpellingsAreEqual() {
        Ordering.equal(pep, "1.0", "1.0.0");
        Ordering.equal(pep, "1.0", "v1.0");
        Ordering.equal(pep, "1.1RC1", "1.1rc1");
        Ordering.equal(pep, "1.1c1", "1.1rc1");
        Ordering.equal(pep, "1.0alpha1", "1.0a1");
        Ordering.equal(pep, "1.0-beta.2", "1.0b2");
        Ordering.equal(pep, "1.0-preview_3", "1.0rc3");
        Ordering.equal(pep, "1.0a", "1.0a0");
        Ordering.equal(pep, "1.0-1", "1.0.post1");
        Ordering.equal(pep, "1.0.rev1", "1.0.post1");
        Ordering.equal(pep, "1.0-r1", "1.0.post1");
        Ordering.equal(pep, "1.0.post", "1.0.post0");
        Ordering.equal(pep, "1.0-dev", "1.0.dev0");
        Ordering.equal(pep, "1.0+ubuntu-1", "1.0+ubuntu.1");
        Ordering.equal(pep, "0!1.0", "1.0");
        Ordering.equal(pep, "01.002", "1.2");
    }

    @Test
    void localVersions() {
        Ordering.ascending(pep, "1.0", "1.0+a", "1.0+a.b", "1.0+a.1", "1.0+a.1.1", "1.0+1", "1.0+2", "1.0+10");
    }

    @Test
    void realPythonVersions() {
        Ordering.ascending(pep, "2.31.0", "2.32.0rc1", "2.32.0", "2.32.3");
        Ordering.ascending(pep, "41.0.7", "42.0.0", "42.0.4");
        Ordering.ascending(pep, "1.26.18", "1.26.19", "2.0.0a1", "2.0.0");
    }

    @Test
    void refusesWhatIsNoVersion() {
        assertThrows(IllegalArgumentException.class, () -> pep.compare("1.0-foo", "1.0"));
        assertThrows(IllegalArgumentException.class, () -> pep.compare("french toast", "1.0"));
        assertThrows(IllegalArgumentException.class, () -> pep.compare("1.0+", "1.0"));
    }
}
