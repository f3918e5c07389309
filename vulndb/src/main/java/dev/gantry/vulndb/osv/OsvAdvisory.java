package dev.gantry.vulndb.osv;

import dev.gantry.vulndb.SeverityRating;
import java.util.List;

/**
 * The parts of an OSV record that matching needs, read and checked by {@link OsvParser}.
 *
 * @param id        the record's id
 * @param modified  its {@code modified} time as written (RFC 3339)
 * @param withdrawn whether it carries a {@code withdrawn} time: such records never match
 * @param aliases   its aliases (CVE ids and others)
 * @param summary   the summary, or the first line of the details, at most {@link OsvParser#SUMMARY_CHARS}
 * @param affected  the affected packages
 */
public record OsvAdvisory(String id, String modified, boolean withdrawn, List<String> aliases, String summary,
                          List<Affected> affected) {
    public OsvAdvisory {
        aliases = List.copyOf(aliases);
        affected = List.copyOf(affected);
    }

    /**
     * One {@code affected[]} entry.
     *
     * @param ecosystem the package's ecosystem as written ({@code Debian:12})
     * @param name      the package's name as written
     * @param ranges    its SEMVER and ECOSYSTEM ranges (GIT ranges are dropped: they need the repository)
     * @param versions  its explicit list of affected versions
     * @param severity  the entry's severity, else the record's
     */
    public record Affected(String ecosystem, String name, List<Range> ranges, List<String> versions,
                           SeverityRating severity) {
        public Affected {
            ranges = List.copyOf(ranges);
            versions = List.copyOf(versions);
        }
    }

    /** A range: {@code SEMVER} or {@code ECOSYSTEM}, with its events in the record's order. */
    public record Range(String type, List<Event> events) {
        public Range {
            events = List.copyOf(events);
        }
    }

    /** An event: {@code introduced} ("0" is before every version), {@code fixed}, {@code last_affected}, {@code limit}. */
    public record Event(Kind kind, String version) {
    }

    public enum Kind {
        INTRODUCED("introduced"), LAST_AFFECTED("last_affected"), FIXED("fixed"), LIMIT("limit");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
