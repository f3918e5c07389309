package dev.gantry.vulndb;

import java.util.List;
import java.util.Optional;

/**
 * One advisory that affects one installed package version: a finding, as the vulnerability scanner reports it.
 *
 * @param id               the advisory's OSV id ({@code GHSA-...}, {@code DSA-...}, {@code CVE-...})
 * @param aliases          the other ids of the same vulnerability, CVE ids among them, as the advisory lists them
 * @param summary          the one-line summary, or the start of the details when the advisory has no summary
 *                         (empty when it has neither)
 * @param severity         the severity and its source
 * @param ecosystem        the OSV ecosystem the match was made in, as the advisory names it ({@code Debian:12})
 * @param packageName      the package name as the advisory names it
 * @param installedVersion the version asked about
 * @param fixedVersion     the lowest {@code fixed} event above the installed version in the range that matched;
 *                         empty when no fix is known (the range is open, or only {@code last_affected} or an
 *                         explicit {@code versions} list matched)
 */
public record Advisory(String id, List<String> aliases, String summary, SeverityRating severity, String ecosystem,
                       String packageName, String installedVersion, Optional<String> fixedVersion) {
    public Advisory {
        aliases = List.copyOf(aliases);
    }

    /** The CVE ids among the id and aliases, in order. */
    public List<String> cves() {
        var all = new java.util.ArrayList<String>();
        if (id.startsWith("CVE-")) {
            all.add(id);
        }
        aliases.stream().filter(a -> a.startsWith("CVE-") && !all.contains(a)).forEach(all::add);
        return List.copyOf(all);
    }
}
