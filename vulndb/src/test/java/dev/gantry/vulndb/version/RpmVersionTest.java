package dev.gantry.vulndb.version;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RpmVersionTest {
    private final VersionScheme rpm = RpmVersion.INSTANCE;

    @Test
    void rpmvercmpCasesFromRpmsOwnTests() {
        // rpm's test suite (rpmvercmp.at) pairs: expected sign of rpmvercmp(a, b)
        String[][] cases = {
                {"1.0", "1.0", "0"}, {"1.0", "2.0", "-1"}, {"2.0", "1.0", "1"},
                {"2.0.1", "2.0.1", "0"}, {"2.0", "2.0.1", "-1"}, {"2.0.1a", "2.0.1", "1"},
                {"5.5p1", "5.5p1", "0"}, {"5.5p1", "5.5p2", "-1"}, {"5.5p10", "5.5p1", "1"},
                {"10xyz", "10.1xyz", "-1"}, {"xyz10", "xyz10.1", "-1"}, {"xyz.4", "8", "-1"},
                {"5.5p1", "5.5.p1", "0"}, {"5.6p1", "5.5p1", "1"}, {"6.0", "6.0.rc1", "-1"},
                {"10b2", "10a1", "1"}, {"1.0aa", "1.0a", "1"}, {"10.0001", "10.1", "0"},
                {"10.0001", "10.0039", "-1"}, {"4.999.9", "5.0", "-1"}, {"20101121", "20101122", "-1"},
                {"2_0", "2.0", "0"}, {"a", "a", "0"}, {"a+", "a_", "0"}, {"+", "_", "0"},
                {"1.0~rc1", "1.0", "-1"}, {"1.0~rc1", "1.0~rc2", "-1"}, {"1.0~rc1~git123", "1.0~rc1", "-1"},
                {"1.0^", "1.0", "1"}, {"1.0^git1", "1.0", "1"}, {"1.0^git1", "1.01", "-1"},
                {"1.0^20160101", "1.0.1", "-1"}, {"1.0^20160101^git1", "1.0^20160101", "1"},
                {"1.0~rc1^git1", "1.0~rc1", "1"}, {"1.0^git1~pre", "1.0^git1", "-1"},
        };
        for (String[] c : cases) {
            assertEquals(Integer.parseInt(c[2]), Integer.signum(RpmVersion.rpmvercmp(c[0], c[1])),
                    "rpmvercmp(" + c[0] + ", " + c[1] + ")");
            assertEquals(-Integer.parseInt(c[2]), Integer.signum(RpmVersion.rpmvercmp(c[1], c[0])),
                    "rpmvercmp(" + c[1] + ", " + c[0] + ")");
        }
    }

    @Test
    void epochVersionRelease() {
        Ordering.ascending(rpm, "1.0-1.el9", "1.0-2.el9", "1.0.1-1.el9", "1:0.1-1.el9");
        Ordering.ascending(rpm, "0:3.0.7-24.el9", "1:3.0.7-25.el9", "1:3.0.7-27.el9_4");
        Ordering.equal(rpm, "0:2.5-1", "2.5-1");
    }

    @Test
    void aMissingReleaseComparesVersionsOnly() {
        Ordering.equal(rpm, "2.5", "2.5-7.el9");
        Ordering.ascending(rpm, "2.4-9", "2.5");
    }
}
