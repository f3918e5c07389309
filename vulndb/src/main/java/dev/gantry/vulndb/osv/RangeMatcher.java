package dev.gantry.vulndb.osv;

import dev.gantry.vulndb.osv.OsvAdvisory.Affected;
import dev.gantry.vulndb.osv.OsvAdvisory.Event;
import dev.gantry.vulndb.osv.OsvAdvisory.Kind;
import dev.gantry.vulndb.osv.OsvAdvisory.Range;
import dev.gantry.vulndb.version.SemVerVersion;
import dev.gantry.vulndb.version.VersionScheme;
import dev.gantry.vulndb.version.VersionSchemes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether an installed version is affected, by the OSV schema's evaluation: a version is affected when it is in
 * the {@code versions} list or in any range. A range's events are sorted by version ({@code introduced: "0"}
 * first); walking them, an {@code introduced} at or below the version turns "affected" on, a {@code fixed} or
 * {@code limit} at or below it turns it off, a {@code last_affected} below it turns it off. ECOSYSTEM ranges
 * compare by the ecosystem's own rules, SEMVER ranges by SemVer 2.0; a range whose versions do not parse in its
 * scheme is skipped (it cannot be evaluated), as are ranges of ecosystems Gantry cannot compare.
 */
public final class RangeMatcher {
    private RangeMatcher() {
    }

    /** A positive answer: the lowest fix above the installed version in the range that matched, if any. */
    public record Match(Optional<String> fixedVersion) {
    }

    public static Optional<Match> match(Affected affected, String installed) {
        Optional<VersionScheme> ecosystem = VersionSchemes.forEcosystem(affected.ecosystem());
        // the exact spelling first: a list is usually long, and comparing every entry by the rules is slower
        boolean listed = affected.versions().contains(installed)
                || ecosystem.map(s -> affected.versions().stream().anyMatch(v -> equal(s, v, installed))).orElse(false);
        Optional<String> lowestFix = Optional.empty();
        for (Range range : affected.ranges()) {
            VersionScheme scheme = "SEMVER".equals(range.type()) ? SemVerVersion.RANGE : ecosystem.orElse(null);
            if (scheme == null) {
                continue;
            }
            try {
                List<Event> sorted = sort(range.events(), scheme);
                if (affected(sorted, installed, scheme)) {
                    return Optional.of(new Match(nextFix(sorted, installed, scheme)));
                }
                Optional<String> fix = firstFixAbove(sorted, installed, scheme);
                if (fix.isPresent() && (lowestFix.isEmpty() || scheme.compare(fix.get(), lowestFix.get()) < 0)) {
                    lowestFix = fix;
                }
            } catch (IllegalArgumentException unparseable) {
                // a range (or the installed version) this scheme cannot read: it says nothing either way
            }
        }
        return listed ? Optional.of(new Match(lowestFix)) : Optional.empty();
    }

    private static boolean equal(VersionScheme scheme, String a, String b) {
        try {
            return scheme.compare(a, b) == 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isZero(Event e) {
        return e.kind() == Kind.INTRODUCED && "0".equals(e.version());
    }

    private static List<Event> sort(List<Event> events, VersionScheme scheme) {
        var sorted = new ArrayList<>(events);
        // on equal versions the kinds keep the spec's order of effect: introduced, last_affected, fixed, limit
        sorted.sort(Comparator.<Event, Integer>comparing(e -> isZero(e) ? 0 : 1)
                .thenComparing((x, y) -> isZero(x) || isZero(y) ? 0 : scheme.compare(x.version(), y.version()))
                .thenComparing(Event::kind));
        return sorted;
    }

    private static boolean affected(List<Event> sorted, String installed, VersionScheme scheme) {
        boolean affected = false;
        for (Event e : sorted) {
            switch (e.kind()) {
                case INTRODUCED -> {
                    if (isZero(e) || scheme.compare(installed, e.version()) >= 0) {
                        affected = true;
                    }
                }
                case FIXED, LIMIT -> {
                    if (scheme.compare(installed, e.version()) >= 0) {
                        affected = false;
                    }
                }
                case LAST_AFFECTED -> {
                    if (scheme.compare(installed, e.version()) > 0) {
                        affected = false;
                    }
                }
            }
        }
        if (affected) {
            // a limit is a hard upper bound wherever it sorts
            for (Event e : sorted) {
                if (e.kind() == Kind.LIMIT && scheme.compare(installed, e.version()) >= 0) {
                    return false;
                }
            }
        }
        return affected;
    }

    /** The event right above the installed version, when it is a fix: the fix of the interval it is in. */
    private static Optional<String> nextFix(List<Event> sorted, String installed, VersionScheme scheme) {
        for (Event e : sorted) {
            if (!isZero(e) && scheme.compare(e.version(), installed) > 0) {
                return e.kind() == Kind.FIXED ? Optional.of(e.version()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstFixAbove(List<Event> sorted, String installed, VersionScheme scheme) {
        return sorted.stream().filter(e -> e.kind() == Kind.FIXED && scheme.compare(e.version(), installed) > 0)
                .map(Event::version).findFirst();
    }
}
