package dev.gantry.vulndb;

import java.util.List;

/**
 * What one import did. An import is all or nothing: when any entry is refused, the whole file is, and the
 * database is left as it was (the exception says which entry and why).
 *
 * @param source     the source name recorded
 * @param advisories advisories stored from the file
 * @param withdrawn  withdrawn advisories skipped (and removed when an earlier import had stored them)
 * @param ecosystems the ecosystems the stored advisories name, sorted
 * @param version    the database version after the import
 */
public record ImportReport(String source, int advisories, int withdrawn, List<String> ecosystems, String version) {
    public ImportReport {
        ecosystems = List.copyOf(ecosystems);
    }
}
