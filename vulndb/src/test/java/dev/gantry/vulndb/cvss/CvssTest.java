package dev.gantry.vulndb.cvss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gantry.vulndb.Severity;
import org.junit.jupiter.api.Test;

class CvssTest {
    @Test
    void v3BaseScoresMatchTheFirstCalculator() {
        assertEquals(9.8, Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
        assertEquals(10.0, Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"));
        assertEquals(6.1, Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"));
        assertEquals(7.8, Cvss3.baseScore("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"));
        assertEquals(5.9, Cvss3.baseScore("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N"));
        assertEquals(7.5, Cvss3.baseScore("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"));
        assertEquals(3.8, Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N"));
        assertEquals(8.8, Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"));
        assertEquals(0.0, Cvss3.baseScore("CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"));
        // temporal metrics are allowed and do not change the base score
        assertEquals(9.8, Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C"));
    }

    @Test
    void v3RoundUpAvoidsFloatingPointNoise() {
        // the specification's Appendix A example: 4.000001 must not become 4.1
        assertEquals(4.0, Cvss3.roundUp(4.000000000000001));
        assertEquals(4.1, Cvss3.roundUp(4.02));
    }

    @Test
    void v4BaseScoresMatchTheFirstCalculator() {
        assertEquals(9.3, Cvss4.baseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"));
        assertEquals(10.0, Cvss4.baseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H"));
        assertEquals(8.7, Cvss4.baseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"));
        assertEquals(8.5, Cvss4.baseScore("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"));
        // reflected and stored cross-site scripting, as GitHub's advisories score them
        assertEquals(5.3, Cvss4.baseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N"));
        assertEquals(5.1, Cvss4.baseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N"));
        assertEquals(0.0, Cvss4.baseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N"));
        // threat and environmental metrics do not change the base score
        assertEquals(9.3, Cvss4.baseScore(
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:L"));
    }

    @Test
    void malformedVectorsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Cvss3.baseScore("CVSS:3.1/AV:N/AC:L"));
        assertThrows(IllegalArgumentException.class,
                () -> Cvss3.baseScore("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
        assertThrows(IllegalArgumentException.class,
                () -> Cvss3.baseScore("CVSS:2.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
        assertThrows(IllegalArgumentException.class,
                () -> Cvss4.baseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N"));
        assertThrows(IllegalArgumentException.class, () -> Cvss4.baseScore("AV:N/AC:L"));
    }

    @Test
    void scoresMapToTheQualitativeScale() {
        assertEquals(Severity.CRITICAL, Severity.ofScore(9.0));
        assertEquals(Severity.HIGH, Severity.ofScore(8.9));
        assertEquals(Severity.HIGH, Severity.ofScore(7.0));
        assertEquals(Severity.MEDIUM, Severity.ofScore(6.9));
        assertEquals(Severity.MEDIUM, Severity.ofScore(4.0));
        assertEquals(Severity.LOW, Severity.ofScore(0.1));
        assertEquals(Severity.UNKNOWN, Severity.ofScore(0.0));
        assertEquals(Severity.MEDIUM, Severity.ofWord("MODERATE"));
    }
}
