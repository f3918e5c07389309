package dev.gantry.vulndb.osv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.vulndb.SeverityRating;
import dev.gantry.vulndb.osv.OsvAdvisory.Affected;
import dev.gantry.vulndb.osv.OsvAdvisory.Event;
import dev.gantry.vulndb.osv.OsvAdvisory.Kind;
import dev.gantry.vulndb.osv.OsvAdvisory.Range;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RangeMatcherTest {
    private static Event e(Kind kind, String version) {
        return new Event(kind, version);
    }

    private static Affected eco(String ecosystem, List<String> versions, Event... events) {
        return new Affected(ecosystem, "p", List.of(new Range("ECOSYSTEM", List.of(events))), versions,
                SeverityRating.none());
    }

    private static Optional<String> fix(Affected a, String v) {
        return RangeMatcher.match(a, v).orElseThrow(() -> new AssertionError(v + " should match")).fixedVersion();
    }

    private static void clean(Affected a, String v) {
        assertTrue(RangeMatcher.match(a, v).isEmpty(), v + " should not match");
    }

    @Test
    void introducedAndFixed() {
        var a = eco("Debian:12", List.of(), e(Kind.INTRODUCED, "0"), e(Kind.FIXED, "1.2-3+deb12u1"));
        assertEquals(Optional.of("1.2-3+deb12u1"), fix(a, "1.2-3"));
        assertEquals(Optional.of("1.2-3+deb12u1"), fix(a, "0.1-1"));
        clean(a, "1.2-3+deb12u1");
        clean(a, "1.2-4");
    }

    @Test
    void severalIntervalsInOneRangeEvenOutOfOrder() {
        // events need not be written in order: they are sorted by the ecosystem's rules
        var a = eco("PyPI", List.of(), e(Kind.INTRODUCED, "2.0"), e(Kind.FIXED, "2.5.1"), e(Kind.INTRODUCED, "1.0"),
                e(Kind.FIXED, "1.4.2"));
        clean(a, "0.9");
        assertEquals(Optional.of("1.4.2"), fix(a, "1.0"));
        assertEquals(Optional.of("1.4.2"), fix(a, "1.4.2rc1"));
        clean(a, "1.4.2");
        clean(a, "1.9");
        assertEquals(Optional.of("2.5.1"), fix(a, "2.3"));
        clean(a, "2.5.1.post1");
    }

    @Test
    void lastAffectedIsInclusiveAndGivesNoFix() {
        var a = eco("npm", List.of(), e(Kind.INTRODUCED, "1.0.0"), e(Kind.LAST_AFFECTED, "1.3.0"));
        assertEquals(Optional.empty(), fix(a, "1.3.0"));
        assertEquals(Optional.empty(), fix(a, "1.0.0-rc.1".replace("-rc.1", "")));
        clean(a, "1.3.1");
        clean(a, "1.0.0-rc.1");
    }

    @Test
    void limitIsAnExclusiveUpperBound() {
        var a = eco("Go", List.of(), e(Kind.INTRODUCED, "0"), e(Kind.LIMIT, "v1.5.0"));
        assertEquals(Optional.empty(), fix(a, "v1.4.9"));
        clean(a, "v1.5.0");
    }

    @Test
    void openRangeAffectsEverythingAfterIntroduced() {
        var a = eco("Maven", List.of(), e(Kind.INTRODUCED, "2.0-beta9"));
        clean(a, "2.0-beta8");
        assertEquals(Optional.empty(), fix(a, "2.17.1"));
    }

    @Test
    void explicitVersionsMatchEvenWithoutRanges() {
        var a = new Affected("RubyGems", "p", List.of(), List.of("1.2.3", "1.2.4"), SeverityRating.none());
        assertEquals(Optional.empty(), fix(a, "1.2.3"));
        clean(a, "1.2.5");
        // an ecosystem Gantry cannot compare still matches its listed versions, never its ranges
        var ranged = eco("RubyGems", List.of(), e(Kind.INTRODUCED, "0"), e(Kind.FIXED, "9"));
        clean(ranged, "1.0");
    }

    @Test
    void semverRangesCompareBySemverWhateverTheEcosystem() {
        var a = new Affected("Go", "golang.org/x/net", List.of(new Range("SEMVER", List.of(
                e(Kind.INTRODUCED, "0"), e(Kind.FIXED, "0.17.0")))), List.of(), SeverityRating.none());
        assertEquals(Optional.of("0.17.0"), fix(a, "v0.15.0"));
        clean(a, "v0.17.0");
    }

    @Test
    void aRangeThatDoesNotParseSaysNothing() {
        var a = eco("Alpine:v3.19", List.of(), e(Kind.INTRODUCED, "0"), e(Kind.FIXED, "not a version"));
        clean(a, "1.0-r0");
        var b = eco("Alpine:v3.19", List.of(), e(Kind.INTRODUCED, "0"), e(Kind.FIXED, "3.1.4-r6"));
        assertEquals(Optional.of("3.1.4-r6"), fix(b, "3.1.4-r5"));
        clean(b, "garbage version");
    }
}
