package dev.gantry.vulndb.version;

import java.util.Map;
import java.util.Optional;

/** Which version ordering an OSV ecosystem uses; a release suffix ({@code Debian:12}) does not change it. */
public final class VersionSchemes {
    private static final Map<String, VersionScheme> BY_ECOSYSTEM = Map.ofEntries(
            Map.entry("Debian", DpkgVersion.INSTANCE),
            Map.entry("Ubuntu", DpkgVersion.INSTANCE),
            Map.entry("Alpine", ApkVersion.INSTANCE),
            Map.entry("Wolfi", ApkVersion.INSTANCE),
            Map.entry("Chainguard", ApkVersion.INSTANCE),
            Map.entry("Red Hat", RpmVersion.INSTANCE),
            Map.entry("AlmaLinux", RpmVersion.INSTANCE),
            Map.entry("Rocky Linux", RpmVersion.INSTANCE),
            Map.entry("openSUSE", RpmVersion.INSTANCE),
            Map.entry("SUSE", RpmVersion.INSTANCE),
            Map.entry("Mageia", RpmVersion.INSTANCE),
            Map.entry("openEuler", RpmVersion.INSTANCE),
            Map.entry("PyPI", Pep440Version.INSTANCE),
            Map.entry("npm", SemVerVersion.NPM),
            Map.entry("crates.io", SemVerVersion.NPM),
            Map.entry("Maven", MavenVersion.INSTANCE),
            Map.entry("Go", SemVerVersion.GO));

    private VersionSchemes() {
    }

    /** The ecosystem without its release suffix: {@code Debian:12} is {@code Debian}. */
    public static String base(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    }

    /** The ordering of an ecosystem's ECOSYSTEM ranges; empty for one Gantry cannot compare. */
    public static Optional<VersionScheme> forEcosystem(String ecosystem) {
        return Optional.ofNullable(BY_ECOSYSTEM.get(base(ecosystem)));
    }
}
